// `hs __gate <git|rm> --session ID --workspace DIR -- ARGV…`: the shim's slow path. Exit 0 tells the
// shim to exec the real binary with the same argv; any other exit code is the refusal (77 gate, 130
// interrupted). Never loads yargs or zod; writes only to stderr.
import { EXIT } from "../errors.ts";
import { chooseBackend, type GateCall } from "./backend.ts";
import { refusalText, settledText, usedApprovalText, waitingText } from "./messages.ts";
import { readShimState } from "./install.ts";
import { resolveRealBinary } from "./resolve-binary.ts";
import { watchSignals } from "./wait.ts";

export interface GateArgs {
  tool: "git" | "rm";
  sessionId: string;
  handshakeDir: string;
  args: string[];
}

export function parseGateArgs(argv: string[]): GateArgs | undefined {
  const [tool, ...rest] = argv;
  if (tool !== "git" && tool !== "rm") return undefined;
  let sessionId: string | undefined;
  let handshakeDir: string | undefined;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === "--") return sessionId && handshakeDir ? { tool, sessionId, handshakeDir, args: rest.slice(i + 1) } : undefined;
    if (arg === "--session") sessionId = rest[++i];
    else if (arg === "--workspace") handshakeDir = rest[++i];
    else return undefined;
  }
  return undefined;
}

const SHIM_DIR = /\/\.handshake\/sessions\/[^/]+\/bin\/?$/;

/**
 * The gate's own git calls must reach the real git, never the shim that called it (that recursion has no
 * end). The command's environment is kept aside for the decision; this process runs with PATH minus shims
 * and HS_GIT_BINARY pinned to the binary recorded at session creation (an inherited value is ignored).
 */
export function isolateFromShim(handshakeDir: string, sessionId: string): NodeJS.ProcessEnv {
  const original = { ...process.env };
  const path = (process.env.PATH ?? "").split(":").filter((dir) => dir && !SHIM_DIR.test(dir)).join(":");
  process.env.PATH = path || "/usr/bin:/bin";
  const real = readShimState(handshakeDir, sessionId)?.real.git ?? resolveRealBinary("git", process.env.PATH);
  if (real) process.env.HS_GIT_BINARY = real;
  else delete process.env.HS_GIT_BINARY;
  return original;
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 };

export async function run(argv: string[]): Promise<number> {
  const parsed = parseGateArgs(argv);
  if (!parsed) {
    process.stderr.write("hs: deny [gate.bad-invocation] the shim called hs __gate with unexpected arguments\n  next: hs session create again to reinstall the shim\n");
    return EXIT.gate;
  }
  const call: GateCall = {
    handshakeDir: parsed.handshakeDir,
    sessionId: parsed.sessionId,
    tool: parsed.tool,
    argv: [parsed.tool, ...parsed.args],
    cwd: process.cwd(),
    env: isolateFromShim(parsed.handshakeDir, parsed.sessionId),
    pid: process.pid,
  };
  // From here on a Ctrl-C withdraws whatever is pending instead of killing the process mid-way.
  const signals = watchSignals();
  const backend = await chooseBackend(process.env);
  try {
    const outcome = await backend.decide(call);
    const early = signals.signal();
    if (early && !outcome.request) return SIGNAL_EXIT[early] ?? 130;
    if (outcome.decision.decision === "allow") {
      if (outcome.via === "approval") process.stderr.write(usedApprovalText(outcome.decision));
      return EXIT.ok;
    }
    if (outcome.decision.decision === "deny" || !outcome.request) {
      // The session host's client (rule gate.host) has already relayed the host's own message.
      if (outcome.decision.rule !== "gate.host") process.stderr.write(refusalText(outcome.decision));
      return EXIT.gate;
    }
    process.stderr.write(waitingText(outcome.decision, outcome.request, outcome.waitSeconds ?? 90, outcome.attached));
    const result = await backend.wait(call, outcome, signals.signal);
    process.stderr.write(settledText(result));
    if (result.status === "approved") return EXIT.ok;
    return result.signal ? (SIGNAL_EXIT[result.signal] ?? 130) : EXIT.gate;
  } catch (error) {
    // Fail closed: whatever went wrong, the command does not run.
    process.stderr.write(`hs: deny [gate.internal-error] ${(error as Error).message}\n  next: hs doctor\n`);
    return EXIT.gate;
  } finally {
    signals.stop();
    backend.close();
  }
}
