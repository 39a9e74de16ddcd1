// Test helpers over the real process table and the host bookkeeping row.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { descendants, isAlive, listProcs, readProc } from "../../src/sandbox/proc.ts";

export function hostRow(main: string, id: string): { host_pid: number; child_pid: number | null; ended_at: string | null } | undefined {
  const db = new Database(path.join(main, ".handshake", "devcc.db"), { readonly: true });
  try {
    return db.prepare("SELECT host_pid, child_pid, ended_at FROM session_hosts WHERE session_id = ?").get(id) as never;
  } finally {
    db.close();
  }
}

export function treeOf(pid: number): number[] {
  return [pid, ...descendants(pid, listProcs())].filter(isAlive);
}

export function states(pids: number[]): string[] {
  return pids.map((pid) => readProc(pid)?.state ?? "gone");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The sleeps a session started, found as descendants of its host. */
export function sleepsOf(hostPid: number): number[] {
  return treeOf(hostPid).filter((pid) => readProc(pid) && /(^|\/)sleep$/.test(procName(pid)));
}

function procName(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}
