// Host-side views of a session worktree (hs session status / diff). The worktree and its git admin dir
// belong to the session, so nothing in them may run on the host: neutral environment, explicit git dir and
// work tree (the worktree's .git file is not followed), and every filter driver its config names turned off.
// TODO(git helper): switch to the hardened host-side runner once it is on main.
import fs from "node:fs";
import { HsError } from "../errors.ts";
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv } from "../git/neutral-env.ts";
import { runGitSync, type GitResult } from "../git/run.ts";
import type { SessionRecord } from "../registry/sessions.ts";

const SAFE_CONFIG = [
  ...NEUTRAL_CONFIG_ARGS,
  "-c", "diff.external=",
  "-c", "status.submoduleSummary=false",
  "-c", "core.untrackedCache=false",
  "-c", "color.ui=false",
] as const;

/** Driver names from `git config -z --name-only --get-regexp '^filter\.'` ("filter.a.b.clean" -> "a.b"). */
export function filterDrivers(names: string): string[] {
  const drivers = names
    .split(/\0|\n/)
    .map((key) => /^filter\.(.+)\.[^.]+$/i.exec(key)?.[1])
    .filter((name): name is string => Boolean(name));
  return [...new Set(drivers)];
}

/** `-c` pairs that empty every command of each driver (git treats an empty command as no filter). */
export function filterOverrides(drivers: readonly string[]): string[] {
  return drivers.flatMap((name) => ["clean", "smudge", "process"].flatMap((key) => ["-c", `filter.${name}.${key}=`]).concat("-c", `filter.${name}.required=false`));
}

export interface WorktreeGit {
  run(args: readonly string[]): GitResult;
  ok(args: readonly string[]): string;
}

export function worktreeGit(session: SessionRecord): WorktreeGit {
  if (!fs.existsSync(session.worktree)) {
    throw new HsError("HS-WORKTREE-GONE", `session '${session.id}' has no worktree any more (${session.worktree})`, { hint: `hs session show ${session.id}` });
  }
  const env = neutralGitEnv();
  const base = [`--git-dir=${session.gitDir}`, `--work-tree=${session.worktree}`, "--no-optional-locks", ...SAFE_CONFIG];
  const names = runGitSync({ args: [...base, "config", "-z", "--name-only", "--get-regexp", "^filter\\."], cwd: session.worktree, env });
  const full = [...base, ...filterOverrides(filterDrivers(names.stdout))];
  const run = (args: readonly string[]) => runGitSync({ args: [...full, ...args], cwd: session.worktree, env });
  return {
    run,
    ok(args) {
      const result = run(args);
      if (result.code !== 0) {
        throw new HsError("HS-GIT-FAILED", `git ${args.join(" ")} failed in ${session.worktree}: ${result.stderr.trim().split("\n")[0]}`, {
          hint: `hs session show ${session.id}`,
          details: { args, code: result.code, stderr: result.stderr },
        });
      }
      return result.stdout;
    },
  };
}
