// The lines `hs session env ID` prints: eval'd by sh, bash or dash they put the shell into the session's gate.
import { shQuote } from "./shell-quote.ts";

export interface SessionEnvInput {
  sessionId: string;
  shimBin: string;
  handshakeDir: string;
  worktree: string;
}

export function sessionEnvLines(input: SessionEnvInput): string[] {
  const id = shQuote(input.sessionId);
  return [
    `export PATH=${shQuote(input.shimBin)}"\${PATH:+:\$PATH}"`,
    `export HS_SESSION_ID=${id}`,
    `export HS_SHIM=1`,
    `export HS_WORKSPACE=${shQuote(input.handshakeDir)}`,
    `export HS_WORKTREE=${shQuote(input.worktree)}`,
    // PS1 marker: the operator sees at a glance that this shell is gated.
    `export PS1=${shQuote(`[hs:${input.sessionId}] `)}"\${PS1:-\\$ }"`,
    // Shells cache command locations; forget them so `git`/`rm` resolve to the shim from now on.
    `hash -r 2>/dev/null || true`,
  ];
}
