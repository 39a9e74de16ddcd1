// The briefing: the rules a session's agent runs under, in a few lines. Printed on stderr when a host
// starts, kept in host-bin/briefing.txt (readable inside, named by $HS_BRIEFING), shown by `hs session rules`.
import fs from "node:fs";
import path from "node:path";
import type { SessionRecord } from "../registry/sessions.ts";
import { shQuote } from "../shim/shell-quote.ts";

export interface BriefingInput {
  session: Pick<SessionRecord, "id" | "isolation" | "worktree" | "branch" | "scope" | "degraded">;
  governance: readonly string[];
  /** The operator's home as the agent sees it (null: no home layer, e.g. degraded). */
  home: string | null;
  approvalSeconds: number;
}

export function briefingText({ session, governance, home, approvalSeconds }: BriefingInput): string {
  const id = shQuote(session.id);
  const scope = session.scope.length ? session.scope.join(" ") : "(whole worktree)";
  const writable =
    session.isolation === "worktree" ? `${session.worktree} (commit only ${scope})` : `${scope} inside ${session.worktree} (lock mode)`;
  const lines = [
    `hs: session ${session.id}: the rules this agent runs under (again: cat "$HS_BRIEFING", or hs session rules ${id})`,
    `  write:    ${writable}; /tmp (private to the session)${home ? `; ${home} (a per-session copy: your writes never reach the operator's home)` : ""}`,
    `  no write: the main checkout, other sessions' worktrees (invisible), .git config and hooks, ${governance.join(" ")}; anything else outside`,
    `  approval: destructive git (reset --hard, clean -f, checkout/restore of files, push --force, branch -D, hook bypass), rm outside the worktree and /tmp`,
    `  refused:  \`hs: <ask|deny> [rule] reason\` + \`next: …\` on stderr, exit 77; an ask waits up to ${approvalSeconds} s, then run the same command again after the operator decides`,
    `  hand back: commit on ${session.branch ?? "the session branch"} and stop; the operator runs hs merge-back ${id}`,
  ];
  if (session.degraded) lines.splice(1, 0, "  DEGRADED: no sandbox; only the git/rm gate and the hooks apply");
  return lines.join("\n") + "\n";
}

export function writeBriefing(hostBin: string, text: string): string {
  const file = path.join(hostBin, "briefing.txt");
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o644 });
  fs.renameSync(temp, file);
  return file;
}
