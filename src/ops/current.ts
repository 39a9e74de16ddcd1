// The actor of this process, for the CLI: a session when anything says it runs inside one (environment,
// working directory inside a session worktree, a session process among its ancestors), else the operator.
import { sessionEvidence } from "../shim/operator.ts";
import { OPERATOR, sessionActor, type Actor } from "./actor.ts";

export function currentActor(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Actor {
  const evidence = sessionEvidence(options);
  if (!evidence) return OPERATOR;
  const env = options.env ?? process.env;
  // An unknown id still makes a session actor: it is refused every operator verb and owns no session.
  // The session host runs a session's `hs` requests on the host and names the session in HS_REQUESTED_BY_SESSION.
  return sessionActor(env.HS_SESSION_ID || env.HS_REQUESTED_BY_SESSION || "(unidentified session)");
}
