// pre-commit: every staged path (both sides of a rename) against scope, governance and other sessions' locks.
import type { HookActor } from "./actor.ts";
import { hasHead, stagedChanges } from "./git-reads.ts";
import { shellArg, type Refusal } from "./refusal.ts";
import { pathRule } from "./rules.ts";

export function checkPreCommit(actor: HookActor, cwd: string, env: NodeJS.ProcessEnv): Refusal[] {
  if (actor.kind === "none") return [];
  const rule = pathRule(actor);
  const refusals: Refusal[] = [];
  let unborn: boolean | undefined;
  for (const change of stagedChanges(cwd, env)) {
    const renamed = change.paths.length === 2 ? ` (${change.status.startsWith("R") ? "rename" : "copy"} ${change.paths[0]} -> ${change.paths[1]})` : "";
    for (const path of change.paths) {
      const finding = rule(path);
      if (!finding) continue;
      unborn ??= !hasHead(cwd, env);
      const unstage = unborn ? "git rm --cached -q --" : "git restore --staged --";
      refusals.push({ code: finding.code, subject: path, reason: finding.reason + renamed, next: `${unstage} ${change.paths.map(shellArg).join(" ")}` });
    }
  }
  return refusals;
}
