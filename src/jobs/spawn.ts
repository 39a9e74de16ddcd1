// Starts a job's runner (`hs __job ID`) in the background, its output appended to the job's log. The runner hosts
// the command in the session's sandbox (src/sandbox/host.ts) and records how it ended.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { packagePath } from "../package-root.ts";

export function spawnJobRunner(jobId: string, log: string, cwd: string): number {
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const fd = fs.openSync(log, "a");
  try {
    const child = spawn(process.execPath, [packagePath("dist", "hs.js"), "__job", jobId], { cwd, detached: true, stdio: ["ignore", fd, fd], env: process.env });
    child.unref();
    return child.pid ?? -1;
  } finally {
    fs.closeSync(fd);
  }
}
