// The Node GateBackend for the shim's slow path inside the sandbox (src/shim/backend.ts chooseBackend seam):
// the session host decides, waits for the operator and prints the messages; this only relays them.
// The C client (gate-client.c, $HS_GATE_CLIENT) does the same without starting Node.
import type { GateBackend } from "../shim/backend.ts";
import type { GateOutcome } from "../shim/decide.ts";
import type { WaitResult } from "../shim/wait.ts";
import { askHost } from "./host-client.ts";

function plainEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function hostBackend(socketPath: string): GateBackend {
  return {
    async decide(call): Promise<GateOutcome> {
      let code = 77;
      try {
        const reply = await askHost(socketPath, { verb: "gate", cwd: call.cwd, tool: call.tool, argv: call.argv.slice(1), env: plainEnv(call.env) }, (text) => process.stderr.write(text));
        code = reply.code;
      } catch (error) {
        process.stderr.write(`hs: deny [host-unreachable] ${(error as Error).message}\n`);
      }
      if (code === 0) return { decision: { decision: "allow", rule: "gate.host", reason: "allowed by the session host", hint: "" }, via: "policy" } as unknown as GateOutcome;
      return {
        decision: { decision: "deny", rule: "gate.host", reason: `refused by the session host (exit ${code}, reason above)`, hint: "see the message above" },
        via: "policy",
      } as unknown as GateOutcome;
    },
    async wait(): Promise<WaitResult> {
      throw new Error("the session host already waited for the operator");
    },
    close() {},
  };
}
