// Where the shim's slow path gets its decisions. Outside a sandbox the shim's own Node process opens the
// registry directly. Inside the sandbox the registry is read-only, so the session host answers over the
// socket advertised in HS_HOST_SOCKET (issue 4 plugs its client in at chooseBackend; it must implement
// GateBackend by calling decideAndRecord and waitForDecision on the host side).
import type { Workspace } from "../registry/workspace.ts";
import { getSession } from "../registry/sessions.ts";
import { decideAndRecord, type GateOutcome, type GateTool } from "./decide.ts";
import { waitForDecision, type WaitResult } from "./wait.ts";
import { openGateWorkspace } from "./gate-workspace.ts";

export interface GateCall {
  handshakeDir: string;
  sessionId: string;
  tool: GateTool;
  /** argv[0] is the tool name. */
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  pid: number;
}

export interface GateBackend {
  decide(call: GateCall): Promise<GateOutcome>;
  /** Only for outcomes with a request (ask): resolves once approved, denied, expired or withdrawn. */
  wait(call: GateCall, outcome: GateOutcome, interrupted: () => NodeJS.Signals | undefined): Promise<WaitResult>;
  close(): void;
}

export function directBackend(): GateBackend {
  let ws: Workspace | undefined;
  const open = (call: GateCall) => (ws ??= openGateWorkspace(call.handshakeDir));
  return {
    async decide(call) {
      return decideAndRecord(open(call), call.sessionId, call.argv, call.cwd, call.env, { waiterPid: call.pid });
    },
    async wait(call, outcome, interrupted) {
      const workspace = open(call);
      const options = { interrupted, waitSeconds: outcome.waitSeconds ?? 90, pid: call.pid, via: "shim" as const };
      return waitForDecision(workspace, getSession(workspace, call.sessionId), outcome.request!, options);
    },
    close() {
      ws?.close();
    },
  };
}

export async function chooseBackend(env: NodeJS.ProcessEnv): Promise<GateBackend> {
  if (env.HS_HOST_SOCKET) return (await import("../sandbox/gate-client.ts")).hostBackend(env.HS_HOST_SOCKET);
  return directBackend();
}
