// .handshake/ is local state except .handshake/gov/; a tracked file there would be committed by every session.
import { runGitSync } from "../git/index.ts";
import { envWithoutRepoOverrides } from "../registry/locate.ts";

export function trackedStateFiles(mainRoot: string): string[] {
  const result = runGitSync({ args: ["-c", "core.quotePath=false", "ls-files", "-z", "--", ".handshake"], cwd: mainRoot, env: envWithoutRepoOverrides() });
  if (result.code !== 0) return [];
  return result.stdout.split("\0").filter((file) => file !== "" && !file.startsWith(".handshake/gov/"));
}
