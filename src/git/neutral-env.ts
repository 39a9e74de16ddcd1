// Environment for host-side git that must not be steered by anything a session could have written:
// no system/global config, no GIT_* overrides, no fsmonitor, no pager or editor.
export function neutralGitEnv(base: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (key.startsWith("GIT_") || key === "HS_SESSION_ID") continue;
    env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_EDITOR: "true",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
    ...extra,
  };
}

/** `-c` flags that turn off the config keys that run commands, for host-side git. */
export const NEUTRAL_CONFIG_ARGS = [
  "-c", "core.fsmonitor=false",
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.pager=cat",
  "-c", "core.sshCommand=",
  "-c", "commit.gpgSign=false",
] as const;
