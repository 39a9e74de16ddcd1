// Reads and writes core.hooksPath. hs writes only <common>/config (the repository's own config file).
import path from "node:path";
import { runGitSync, gitOk } from "../git/index.ts";
import { envWithoutRepoOverrides, type RepoLocation } from "../registry/locate.ts";

export function commonConfigFile(loc: Pick<RepoLocation, "commonDir">): string {
  return path.join(loc.commonDir, "config");
}

/** core.hooksPath as written in <common>/config; null when unset. */
export function localHooksPath(loc: RepoLocation): string | null {
  return getConfig(loc.mainRoot, ["--file", commonConfigFile(loc)]);
}

/** core.hooksPath as git resolves it for a worktree (every level, includes, ~ expanded); null when unset. */
export function effectiveHooksPath(worktree: string): string | null {
  return getConfig(worktree, ["--type=path"]);
}

function getConfig(cwd: string, options: string[]): string | null {
  const result = runGitSync({ args: ["config", ...options, "--get", "core.hooksPath"], cwd, env: envWithoutRepoOverrides() });
  return result.code === 0 ? result.stdout.replace(/\n$/, "") : null;
}

export function setLocalHooksPath(loc: RepoLocation, value: string | null): void {
  const args = value === null ? ["config", "--file", commonConfigFile(loc), "--unset-all", "core.hooksPath"] : ["config", "--file", commonConfigFile(loc), "core.hooksPath", value];
  const result = runGitSync({ args, cwd: loc.mainRoot, env: envWithoutRepoOverrides() });
  // exit 5: --unset of a key that is not there, which is the state we want anyway
  if (result.code !== 0 && !(value === null && result.code === 5)) gitOk({ args, cwd: loc.mainRoot, env: envWithoutRepoOverrides() });
}
