// Host-side files a session uses from inside: the `hs` forwarder, the shell rc file, the seccomp program,
// the socket path. They live under .handshake/sessions/<id>/, read-only inside the sandbox.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { packagePath } from "../package-root.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { ttyInjectionFilter } from "./seccomp.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";

export interface HostFiles {
  hostBin: string;
  client: string;
  rcFile: string;
  seccompFile: string;
  socket: string;
}

const RC = `# hs session shell: the usual login setup first, then the session's PATH and prompt on top.
[ -r /etc/profile ] && . /etc/profile
if [ -r "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; elif [ -r "$HOME/.profile" ]; then . "$HOME/.profile"; fi
PATH="$HS_PATH_PREFIX:$PATH"; export PATH
PS1="[hs:$HS_SESSION_ID] \${PS1:-\\$ }"
hash -r 2>/dev/null
`;

function write(file: string, content: string | Buffer, mode = 0o644): void {
  writeFileAtomic(file, content, { mode });
}

/** sun_path holds 108 bytes: deep repositories get a socket under the system temp dir instead. */
export function socketPath(sessionDir: string): string {
  const preferred = path.join(sessionDir, "host.sock");
  if (Buffer.byteLength(preferred) < 100) return preferred;
  const digest = crypto.createHash("sha256").update(sessionDir).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `hs-host-${digest}.sock`);
}

export function gateClient(hostBin: string): string {
  const compiled = packagePath("dist", "hs-gate-client");
  if (fs.existsSync(compiled)) return compiled;
  const fallback = path.join(hostBin, "hs-gate-client");
  write(fallback, `#!/bin/sh\nexec ${shQuote(process.execPath)} ${shQuote(packagePath("dist", "hs.js"))} __host client "$@"\n`, 0o755);
  return fallback;
}

export function writeHostFiles(sessionDir: string): HostFiles {
  const hostBin = path.join(sessionDir, "host-bin");
  fs.mkdirSync(hostBin, { recursive: true });
  const client = gateClient(hostBin);
  write(path.join(hostBin, "hs"), `#!/bin/sh\n# hs inside a session: every request goes to the session host, which refuses operator decisions.\nexec ${shQuote(client)} hs "$@"\n`, 0o755);
  const rcFile = path.join(hostBin, "hsrc.sh");
  write(rcFile, RC);
  const seccompFile = path.join(sessionDir, "seccomp.bpf");
  write(seccompFile, ttyInjectionFilter());
  return { hostBin, client, rcFile, seccompFile, socket: socketPath(sessionDir) };
}
