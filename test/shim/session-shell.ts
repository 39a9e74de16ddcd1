// A real hs workspace with sessions, and shells put behind a session's gate with `eval "$(hs session env ID)"`.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { HS_BIN, hs } from "../helpers/hs.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";

export const HS_CMD = `${process.execPath} ${HS_BIN}`;

export interface GateRepo {
  repo: TempRepo;
  wt(id: string): string;
  cleanup(): void;
}

export function makeGateRepo(sessions: Record<string, string[]>): GateRepo {
  const repo = makeTempRepo();
  const init = hs(["init", "--worktrees-dir", "../wts"], { cwd: repo.root });
  if (init.code !== 0) throw new Error(`hs init failed: ${init.stderr}`);
  for (const [id, scope] of Object.entries(sessions)) {
    const created = hs(["session", "create", "--id", id, ...scope.flatMap((glob) => ["--scope", glob])], { cwd: repo.root });
    if (created.code !== 0) throw new Error(`hs session create ${id} failed: ${created.stderr}`);
  }
  return { repo, wt: (id) => path.join(repo.dir, "wts", id), cleanup: () => repo.cleanup() };
}

export interface ShellResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function script(sessionId: string, body: string): string {
  return `eval "$(${HS_CMD} session env ${sessionId})" || exit 99\n${body}`;
}

export function gated(sessionId: string, body: string, options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): ShellResult {
  const result = spawnSync("/bin/sh", ["-c", script(sessionId, body)], { cwd: options.cwd, env: cleanEnv(options.env), input: options.input, encoding: "utf8" });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

export interface Running {
  pid: number;
  done: Promise<ShellResult>;
}

/** Starts a gated shell in its own process group (so a test can send it Ctrl-C). */
export function gatedAsync(sessionId: string, body: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): Running {
  const child = spawn("/bin/sh", ["-c", script(sessionId, body)], { cwd: options.cwd, env: cleanEnv(options.env), detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<ShellResult>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { pid: child.pid!, done };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `hs approvals --json` until a pending request for the session shows up. */
export async function pendingRequest(cwd: string, sessionId: string, argvWord: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = hs(["approvals", "--json"], { cwd });
    const found = list.code === 0 ? (list.json() as any[]).find((request) => request.session_id === sessionId && request.argv.includes(argvWord)) : undefined;
    if (found) return found;
    await sleep(150);
  }
  throw new Error(`no pending request for ${sessionId} within ${timeoutMs} ms`);
}

/** sha256 over every file (path, mode, bytes, symlink target) under dir, .handshake/ and `exclude`d paths left out. */
export function treeHash(dir: string, exclude: (relative: string) => boolean = () => false): string {
  const hash = crypto.createHash("sha256");
  const walk = (current: string) => {
    for (const name of fs.readdirSync(current).sort()) {
      const file = path.join(current, name);
      const relative = path.relative(dir, file);
      if (relative.split(path.sep).includes(".handshake") || exclude(relative)) continue;
      const stat = fs.lstatSync(file);
      hash.update(`${relative}\0${stat.mode}\0`);
      if (stat.isSymbolicLink()) hash.update(fs.readlinkSync(file));
      else if (stat.isDirectory()) walk(file);
      else hash.update(fs.readFileSync(file));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

export function frEvents(cwd: string, type: string): any[] {
  const result = hs(["log", "--type", type, "--json", "--limit", "10000"], { cwd });
  if (result.code !== 0) throw new Error(`hs log failed: ${result.stderr}`);
  return result.json() as any[];
}
