// Shared by reference-transaction and pre-push: the paths each new commit changes, against the actor's rules.
import type { HookActor } from "./actor.ts";
import { newCommitChanges } from "./git-reads.ts";
import { shellArg, type Refusal } from "./refusal.ts";
import { pathRule } from "./rules.ts";

export function checkNewCommits(actor: HookActor, cwd: string, env: NodeJS.ProcessEnv, include: string[], exclude: string[], next: (path: string, commit: string) => string): Refusal[] {
  if (include.length === 0 || actor.kind === "none") return [];
  const rule = pathRule(actor);
  const refusals: Refusal[] = [];
  for (const { commit, paths } of newCommitChanges(cwd, env, include, exclude)) {
    for (const path of paths) {
      const finding = rule(path);
      if (finding) refusals.push({ code: finding.code, subject: path, commit, reason: finding.reason, next: next(path, commit) });
    }
  }
  return refusals;
}

export const unstageNext = (path: string): string => `git restore --staged -- ${shellArg(path)}   (then commit again without it)`;
