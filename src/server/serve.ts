// The `hs ui` operation: the operator (only) starts a server for this workspace; starting and stopping are
// recorded (address and whether it is reachable from other machines, never a token).
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { frActor, type Actor } from "../ops/actor.ts";
import { startServer, type RunningServer } from "./http.ts";
import { isLoopback } from "./security.ts";

export interface ServeInput {
  host: string;
  port: number;
  allowRemote: boolean;
}

export async function serveUiOp(ws: Workspace, actor: Actor, input: ServeInput): Promise<RunningServer> {
  authorize(ws, actor, "ui", { who: "operator" });
  const remote = !isLoopback(input.host);
  if (remote && !input.allowRemote) {
    throw new HsError("HS-UI-REMOTE", `--host ${input.host} is not a loopback address`, {
      hint: `hs ui --host 127.0.0.1   (or, knowing the risk: hs ui --host ${input.host} --allow-remote)`,
    });
  }
  const server = await startServer({ ws, host: input.host, port: input.port });
  const where = { host: server.host, port: server.port, remote, pid: process.pid };
  ws.record({ type: "ui.started", actor: frActor(actor), payload: where });
  return {
    ...server,
    async close() {
      await server.close();
      ws.record({ type: "ui.stopped", actor: frActor(actor), payload: where });
    },
  };
}
