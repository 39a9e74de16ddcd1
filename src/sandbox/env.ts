// The environment inside a session: the operator's, minus anything that steers git or claims to be hs,
// plus the shim first on PATH, the session id, the host socket and a prompt marker.

export interface InsideEnvInput {
  base: NodeJS.ProcessEnv;
  sessionId: string;
  shimBin: string;
  hostBin: string;
  socket: string;
  client: string;
  worktree: string;
  sandboxed: boolean;
}

/** hs variables a session inherits: they may only make the gate stricter (a shorter approval wait). */
const PASSED_THROUGH = new Set(["HS_APPROVAL_TIMEOUT_SECONDS"]);

export function insideEnv(input: InsideEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.base)) {
    if (value === undefined || key.startsWith("GIT_") || (key.startsWith("HS_") && !PASSED_THROUGH.has(key))) continue;
    env[key] = value;
  }
  const prefix = `${input.shimBin}:${input.hostBin}`;
  return {
    ...env,
    PATH: `${prefix}:${input.base.PATH ?? "/usr/local/bin:/usr/bin:/bin"}`,
    HS_PATH_PREFIX: prefix,
    HS_SESSION_ID: input.sessionId,
    HS_SHIM: "1",
    HS_HOST_SOCKET: input.socket,
    HS_GATE_CLIENT: input.client,
    HS_WORKTREE: input.worktree,
    HS_SANDBOX: input.sandboxed ? "bwrap" : "none (degraded)",
    ...(input.sandboxed ? { TMPDIR: "/tmp" } : {}),
    PS1: `[hs:${input.sessionId}] \\$ `,
  };
}
