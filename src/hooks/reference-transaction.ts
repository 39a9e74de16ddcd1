// reference-transaction (prepared): the layer --no-verify and plumbing cannot skip. A session may move only
// refs/heads/hs/<id>/ (plus its worktree's pseudo-refs), and no new commit there may carry a refused path.
import type { HookActor } from "./actor.ts";
import { checkNewCommits, unstageNext } from "./commit-check.ts";
import { checkedOutBranch } from "./git-reads.ts";
import { refHint } from "./hints.ts";
import type { Refusal } from "./refusal.ts";
import { classifyRef, ZERO_OID } from "./rules.ts";
import { protectedRefMatcher } from "../ops/protected-refs.ts";

export interface RefUpdate {
  old: string;
  new: string;
  ref: string;
}

export function parseRefUpdates(stdin: string): RefUpdate[] {
  return stdin
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [old = "", next = "", ref = ""] = line.split(" ");
      return { old, new: next, ref };
    });
}

export function checkReferenceTransaction(actor: HookActor, cwd: string, env: NodeJS.ProcessEnv, stdin: string): Refusal[] {
  if (actor.kind === "none") return [];
  const updates = parseRefUpdates(stdin);
  const needsBranch = actor.kind === "operator" || (actor.kind === "session" && actor.mode === "lock");
  const branch = needsBranch ? checkedOutBranch(cwd, env) : undefined;
  const refusals: Refusal[] = [];
  const include: string[] = [];
  const exclude: string[] = [];
  const isProtected = actor.kind === "session" ? protectedRefMatcher(actor.protectedBranches) : () => false;
  for (const update of updates) {
    const kind = classifyRef(update.ref, actor, branch);
    if (kind !== "pseudo" && actor.kind === "session" && isProtected(update.ref)) {
      refusals.push({
        code: "HS-PROTECTED-BRANCH",
        subject: update.ref,
        reason: `${update.ref} is a protected branch; only the operator moves it (session ${actor.sessionId} may not, whatever its role)`,
        next: `hs merge-back ${actor.sessionId}   # the operator applies it with: hs merge-back ${actor.sessionId} --apply`,
      });
      continue;
    }
    if (kind === "foreign" && actor.kind === "session") {
      refusals.push({
        code: "HS-REF-NAMESPACE",
        subject: update.ref,
        reason: `session ${actor.sessionId} may only update refs under ${actor.namespace}`,
        next: refHint(update.ref, actor.sessionId),
      });
    }
    if (kind !== "own") continue;
    if (!ZERO_OID.test(update.new)) include.push(update.new);
    if (!ZERO_OID.test(update.old)) exclude.push(update.old);
  }
  return [...refusals, ...checkNewCommits(actor, cwd, env, include, exclude, unstageNext)];
}
