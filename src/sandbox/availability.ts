// Fail closed: a session runs in bubblewrap or, only with its own logged waiver, not at all.
import { spawnSync } from "node:child_process";
import { HsError } from "../errors.ts";
import { probeKey, probeRemembered, rememberProbe } from "./probe-cache.ts";

export function bwrapBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.HS_BWRAP || "bwrap";
}

let probed: { ok: true } | { ok: false; why: string } | undefined;

const PROBE_ARGS = ["--die-with-parent", "--unshare-pid", "--unshare-ipc", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"];

/**
 * Runs a minimal sandbox once per process: the same namespaces the real profile asks for. With `cacheDir`, a success
 * is remembered for this boot, binary and kernel settings (src/sandbox/probe-cache.ts) and not probed again.
 */
export function probeSandbox(cacheDir?: string): { ok: true } | { ok: false; why: string } {
  if (probed) return probed;
  const key = probeKey(`bwrap ${PROBE_ARGS.join(" ")}`, [bwrapBinary(), "true"]);
  if (probeRemembered(cacheDir, key)) return (probed = { ok: true });
  const result = spawnSync(bwrapBinary(), PROBE_ARGS, { encoding: "utf8", timeout: 10_000 });
  probed = result.status === 0 ? { ok: true } : { ok: false, why: result.error ? result.error.message : (result.stderr.trim() || `exit ${result.status}`) };
  if (probed.ok) rememberProbe(cacheDir, key);
  return probed;
}

export function requireSandbox(sessionId: string, cacheDir?: string): void {
  const probe = probeSandbox(cacheDir);
  if (probe.ok) return;
  throw new HsError("HS-SANDBOX-UNAVAILABLE", `bubblewrap cannot start a sandbox here (${probe.why}); session '${sessionId}' will not run on the host`, {
    hint: `apt-get install -y bubblewrap   # or, for one session only, a logged waiver: hs session create --no-sandbox --reason 'why' …`,
  });
}
