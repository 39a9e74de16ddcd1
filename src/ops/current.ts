// The actor of this process, for the CLI: a session when anything says it runs inside one (environment,
// working directory inside a session worktree, a session process among its ancestors), else the operator.
// HS_REQUESTED_BY_SESSION is set by a session host for the `hs` requests it forwards from its socket: the
// request runs on the host, outside the sandbox, but acts for that session.
import { sessionEvidence } from "../shim/operator.ts";
import { OPERATOR, sessionActor, type Actor } from "./actor.ts";

export function currentActor(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Actor {
  const env = options.env ?? process.env;
  if (env.HS_REQUESTED_BY_SESSION) return sessionActor(env.HS_REQUESTED_BY_SESSION);
  const evidence = sessionEvidence(options);
  if (!evidence) return OPERATOR;
  // An unknown id still makes a session actor: it is refused every operator verb and owns no session.
  return sessionActor(env.HS_SESSION_ID || "(unidentified session)");
}
