// Only the operator decides. Refuses when the caller looks like it runs inside a session: the session
// environment, a working directory inside a session worktree, or a session process among its ancestors.
// The sandbox makes this hold against hostile processes; this catches honest mistakes and simple tricks.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { absoluteGitDir } from "../registry/locate.ts";
import { SESSION_ENV_MARKERS, findSessionAncestor } from "./ancestry.ts";

export const SESSION_MARKER_FILE = "hs-session.json";

/** The reason the caller is inside a session, or undefined when it looks like the operator. */
export function sessionEvidence(options: { cwd?: string; env?: NodeJS.ProcessEnv; ppid?: number } = {}): string | undefined {
  const env = options.env ?? process.env;
  const variable = SESSION_ENV_MARKERS.find((name) => env[name]);
  if (variable) return `${variable} is set (${variable}=${env[variable]})`;
  const cwd = options.cwd ?? process.cwd();
  const gitDir = absoluteGitDir(cwd, env);
  if (gitDir !== null) {
    const marker = path.join(gitDir, SESSION_MARKER_FILE);
    if (fs.existsSync(marker)) return `the working directory ${cwd} is inside a session worktree (${marker})`;
  }
  const ancestor = findSessionAncestor(options.ppid ?? process.ppid);
  if (ancestor) return `ancestor process ${ancestor.pid}: ${ancestor.why}`;
  return undefined;
}

export function assertOperator(what: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const evidence = sessionEvidence(options);
  if (!evidence) return;
  throw new HsError("HS-OPERATOR-ONLY", `${what} is an operator decision and is refused inside a session: ${evidence}`, {
    hint: `run it from the operator's own terminal, outside any session shell and worktree: hs ${what}`,
    details: { evidence },
  });
}
