// Every refusal is a Flight Recorder event. Loaded only when a hook refuses, so the pass path never opens SQLite.
import fs from "node:fs";
import path from "node:path";
import { runGitSync } from "../git/index.ts";
import type { HookActor } from "./actor.ts";
import type { Refusal } from "./refusal.ts";

const MAX_LISTED = 200;

export async function recordRefusal(hook: string, actor: HookActor, refusals: Refusal[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const payload = {
    hook,
    rules: [...new Set(refusals.map((refusal) => refusal.code))],
    count: refusals.length,
    paths: refusals.filter((r) => r.code !== "HS-REF-NAMESPACE").slice(0, MAX_LISTED).map((r) => ({ path: r.subject, rule: r.code, commit: r.commit })),
    refs: refusals.filter((r) => r.code === "HS-REF-NAMESPACE").slice(0, MAX_LISTED).map((r) => r.subject),
    worktree: cwd,
  };
  // Inside the sandbox .handshake/ is an empty tmpfs: the session host records for us (and fills in the session).
  if (env.HS_HOST_SOCKET) {
    const { recordViaHost } = await import("../sandbox/host-client.ts");
    await recordViaHost({ type: "hook.refused", payload }, env);
    return;
  }
  const handshakeDir = (actor.kind === "session" && actor.handshakeDir) || locateHandshakeDir(cwd, env);
  // never create a Flight Recorder as a side effect of a refusal: no log file, no record (the refusal still stands)
  if (!handshakeDir || !fs.existsSync(path.join(handshakeDir, "flight-recorder.db"))) {
    throw new Error(`no Flight Recorder at ${handshakeDir ?? "(repository not found)"}`);
  }
  const { recordEvent } = await import("../registry/flight-recorder.ts");
  recordEvent(handshakeDir, {
    type: "hook.refused",
    actor: actor.kind === "session" ? "agent" : "human",
    session_id: actor.kind === "session" ? actor.sessionId : undefined,
    workspace_id: (actor.kind === "session" && actor.workspaceId) || readWorkspaceId(handshakeDir),
    payload,
  });
}

function locateHandshakeDir(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const result = runGitSync({ args: ["rev-parse", "--path-format=absolute", "--git-common-dir"], cwd, env });
  return result.code === 0 ? path.join(path.dirname(result.stdout.trim()), ".handshake") : undefined;
}

function readWorkspaceId(handshakeDir: string): string | undefined {
  try {
    const id = (JSON.parse(fs.readFileSync(path.join(handshakeDir, "workspace.json"), "utf8")) as { workspace_id?: unknown }).workspace_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
