// Host-side git for merge-back: neutral config (no system/global config, no hooks, no fsmonitor), so nothing a
// session wrote into config can steer the checks that judge it.
import { NEUTRAL_CONFIG_ARGS, gitFailure, neutralGitEnv, runGit, runGitSync, runGitSyncBuffer, type GitResult } from "../git/index.ts";

const BASE_ENV = neutralGitEnv(process.env, {
  GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? "hs merge-back",
  GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? "hs@localhost",
  GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? "hs merge-back",
  GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? "hs@localhost",
});
const ARGS = [...NEUTRAL_CONFIG_ARGS, "-c", "merge.conflictStyle=diff3", "-c", "core.quotePath=false"];

export interface HostGit {
  cwd: string;
  /** Throws HS-GIT-FAILED on a non-zero exit. */
  ok(args: string[], input?: string): string;
  run(args: string[], input?: string): GitResult;
  buffer(args: string[], input?: string): { code: number; stdout: Buffer; stderr: string };
  async(args: string[]): Promise<GitResult>;
}

export function hostGit(cwd: string, extraEnv: Record<string, string> = {}): HostGit {
  const ENV = { ...BASE_ENV, ...extraEnv };
  const full = (args: string[]) => [...ARGS, ...args];
  return {
    cwd,
    ok(args, input) {
      const result = runGitSync({ args: full(args), cwd, env: ENV, input });
      if (result.code !== 0) throw gitFailure({ args, cwd }, result);
      return result.stdout;
    },
    run: (args, input) => runGitSync({ args: full(args), cwd, env: ENV, input }),
    buffer: (args, input) => runGitSyncBuffer({ args: full(args), cwd, env: ENV, input }),
    async: (args) => runGit({ args: full(args), cwd, env: ENV }),
  };
}

export function splitZ(text: string): string[] {
  const parts = text.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** `status --porcelain=v1 -z` -> paths (rename sources are dropped). */
export function statusPaths(git: HostGit, untracked: "all" | "no" = "all"): Array<{ path: string; code: string }> {
  const fields = splitZ(git.ok(["status", "--porcelain=v1", "-z", `--untracked-files=${untracked}`]));
  const out: Array<{ path: string; code: string }> = [];
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index] as string;
    const code = field.slice(0, 2);
    out.push({ path: field.slice(3), code });
    if (code.includes("R") || code.includes("C")) index += 1;
  }
  return out;
}
