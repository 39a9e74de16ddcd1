// A bare .handshake/ directory in a temp dir: enough for the Flight Recorder functions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempHandshakeDir(): { dir: string; handshakeDir: string; cleanup(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-fr-")));
  const handshakeDir = path.join(dir, ".handshake");
  fs.mkdirSync(handshakeDir);
  return { dir, handshakeDir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
