// pre-commit: every staged path (both sides of a rename) against scope, governance and other sessions' locks.
// While a merge is being concluded, a path whose staged blob equals a merged head's took that side: it is
// not the session's change (the same rule reference-transaction applies to merge commits).
import fs from "node:fs";
import path from "node:path";
import type { HookActor } from "./actor.ts";
import { hasHead, pathsDifferingFrom, stagedChanges } from "./git-reads.ts";
import { shellArg, type Refusal } from "./refusal.ts";
import { pathRule } from "./rules.ts";

export function checkPreCommit(actor: HookActor, cwd: string, env: NodeJS.ProcessEnv, gitDir: string): Refusal[] {
  if (actor.kind === "none") return [];
  const rule = pathRule(actor);
  const refusals: Refusal[] = [];
  let unborn: boolean | undefined;
  for (const change of stagedChanges(cwd, env)) {
    const renamed = change.paths.length === 2 ? ` (${change.status.startsWith("R") ? "rename" : "copy"} ${change.paths[0]} -> ${change.paths[1]})` : "";
    for (const file of change.paths) {
      const finding = rule(file);
      if (!finding) continue;
      unborn ??= !hasHead(cwd, env);
      const unstage = unborn ? "git rm --cached -q --" : "git restore --staged --";
      refusals.push({ code: finding.code, subject: file, reason: finding.reason + renamed, next: `${unstage} ${change.paths.map(shellArg).join(" ")}` });
    }
  }
  if (refusals.length === 0) return refusals;
  const heads = mergeHeads(gitDir);
  if (heads.length === 0) return refusals;
  // a path is the session's own change only if it differs from every merged head too
  let own = new Set(refusals.map((refusal) => refusal.subject));
  for (const head of heads) {
    const differs = pathsDifferingFrom(cwd, env, head);
    own = new Set([...own].filter((file) => differs.has(file)));
  }
  return refusals.filter((refusal) => own.has(refusal.subject));
}

function mergeHeads(gitDir: string): string[] {
  try {
    return fs
      .readFileSync(path.join(gitDir, "MERGE_HEAD"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^[0-9a-f]{40,64}$/.test(line));
  } catch {
    return [];
  }
}
