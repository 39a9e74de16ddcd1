// The actor of this process, for the CLI: a session when anything says it runs inside one (environment,
// working directory inside a session worktree, a session process among its ancestors), else the operator.
// HS_REQUESTED_BY_SESSION is set by a session host for the `hs` requests it forwards from its socket: the
// request runs on the host, outside the sandbox, but acts for that session.
import fs from "node:fs";
import path from "node:path";
import { absoluteGitDir } from "../registry/locate.ts";
import { SESSION_MARKER_FILE, sessionEvidence } from "../shim/operator.ts";
import { OPERATOR, sessionActor, type Actor } from "./actor.ts";

export function currentActor(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Actor {
  const env = options.env ?? process.env;
  if (env.HS_REQUESTED_BY_SESSION) return sessionActor(env.HS_REQUESTED_BY_SESSION);
  const evidence = sessionEvidence(options);
  if (!evidence) return OPERATOR;
  // An unknown id still makes a session actor: it is refused every operator verb and owns no session.
  const id = env.HS_SESSION_ID || markerSessionId(options.cwd ?? process.cwd(), env);
  return sessionActor(id || "(unidentified session)");
}

/** The session whose worktree holds cwd, from the hook marker in its git dir. */
function markerSessionId(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const gitDir = absoluteGitDir(cwd, env);
  if (gitDir === null) return undefined;
  try {
    const file = path.join(gitDir, SESSION_MARKER_FILE);
    const id = (JSON.parse(fs.readFileSync(file, "utf8")) as { session_id?: unknown }).session_id;
    return typeof id === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id) ? id : undefined;
  } catch {
    return undefined; // no marker: the evidence came from elsewhere
  }
}
