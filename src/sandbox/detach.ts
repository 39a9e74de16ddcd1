// Background hosts: `hs session run --detach` and `hs session resume` start `hs __host run ID -- CMD`
// in its own session, output appended to .handshake/sessions/<id>/session.log.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import type { Workspace } from "../registry/workspace.ts";
import { sessionDir } from "../registry/sessions.ts";
import { packagePath } from "../package-root.ts";
import { HsError } from "../errors.ts";
import { getHostRecord } from "./host-record.ts";
import { isAlive } from "./proc.ts";

export function sessionLogPath(ws: Workspace, sessionId: string): string {
  return path.join(sessionDir(ws, sessionId), "session.log");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startDetachedHost(ws: Workspace, sessionId: string, command: string[], cwd: string): Promise<{ pid: number; log: string }> {
  const log = sessionLogPath(ws, sessionId);
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const fd = fs.openSync(log, "a");
  const child = spawn(process.execPath, [packagePath("dist", "hs.js"), "__host", "run", sessionId, "--log", log, "--", ...command], {
    cwd,
    detached: true,
    stdio: ["ignore", fd, fd],
    env: process.env,
  });
  fs.closeSync(fd);
  child.unref();
  const pid = child.pid ?? -1;
  // Return once the host has its sandboxed child (or has died): the state is then the truth.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const record = getHostRecord(ws, sessionId);
    if (record?.hostPid === pid && (record.childPid || record.endedAt)) return { pid, log };
    if (!isAlive(pid)) break;
    await sleep(30);
  }
  const record = getHostRecord(ws, sessionId);
  // Another host's record does not count: this host must have started its own child.
  if (!isAlive(pid) && !(record?.hostPid === pid && record.childPid)) {
    const tail = fs.readFileSync(log, "utf8").trim().split("\n").slice(-3).join("\n");
    throw new HsError("HS-HOST-NOT-RUNNING", `the background host for '${sessionId}' exited at start: ${tail}`, { hint: `cat ${log}` });
  }
  return { pid, log };
}
