// One apply at a time per target. `git merge --ff-only` updates files and index before it compare-and-swaps the ref,
// so two concurrent applies on a checked-out branch could leave the loser's files in the winner's checkout.
// The lock file holds the owner's pid; a lock whose owner is gone (kill -9) is taken over.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function withTargetLock<T>(handshakeDir: string, ref: string, fn: () => T, timeoutMs = 30_000): T {
  const dir = path.join(handshakeDir, "locks");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `merge-back-${crypto.createHash("sha256").update(ref).digest("hex").slice(0, 16)}.lock`);
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(file, "utf8") || "0");
      if (owner && !alive(owner)) fs.rmSync(file, { force: true });
      else if (Date.now() > deadline) throw new Error(`another merge-back (pid ${owner}) holds ${file}`);
      else sleep(25);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
