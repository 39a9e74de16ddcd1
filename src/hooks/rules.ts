// Pure rules shared by the three hooks: is this path / this ref update allowed for this actor?
import { createPathMatcher } from "../scope/matcher.ts";
import { createGovernanceMatcher } from "../scope/governance.ts";
import type { HookActor, LockHolder } from "./actor.ts";

export type RuleCode = "HS-SCOPE-OUT" | "HS-GOVERNANCE-PATH" | "CX-MM-002" | "HS-REF-NAMESPACE" | "HS-PROTECTED-BRANCH";

export interface PathFinding {
  code: Exclude<RuleCode, "HS-REF-NAMESPACE" | "HS-PROTECTED-BRANCH">;
  reason: string;
}

export type PathRule = (path: string) => PathFinding | undefined;

/** Compiles the actor's globs once; the returned function is called per path (no process per file). */
export function pathRule(actor: HookActor): PathRule {
  if (actor.kind === "none") return () => undefined;
  const locks = actor.foreignLocks.map((lock) => ({ lock, test: createPathMatcher([lock.glob]) }));
  const lockedBy = (path: string): LockHolder | undefined => locks.find((entry) => entry.test(path))?.lock;
  if (actor.kind === "operator") {
    return (path) => {
      const lock = lockedBy(path);
      return lock && { code: "CX-MM-002", reason: lockReason(lock) };
    };
  }
  const governance = createGovernanceMatcher(actor.governance);
  const inScope = createPathMatcher(actor.scope);
  return (path) => {
    if (governance(path)) return { code: "HS-GOVERNANCE-PATH", reason: `inside a governance path (${actor.governance.join(", ")})` };
    const lock = lockedBy(path);
    if (lock) return { code: "CX-MM-002", reason: lockReason(lock) };
    if (!inScope(path)) {
      const scope = actor.scope.length ? actor.scope.join(", ") : "no scope in this worktree";
      return { code: "HS-SCOPE-OUT", reason: `outside session ${actor.sessionId}'s IN_SCOPE_PATHS (${scope})` };
    }
    return undefined;
  };
}

function lockReason(lock: LockHolder): string {
  return `locked by session ${lock.session_id} (lock ${lock.lock_id}, ${lock.glob})`;
}

/** Per-worktree refs that git itself moves during commit, merge, rebase, cherry-pick, bisect. */
const PSEUDO_REFS = new Set(["HEAD", "ORIG_HEAD", "FETCH_HEAD", "MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "REBASE_HEAD", "AUTO_MERGE", "BISECT_HEAD"]);
const PER_WORKTREE_PREFIXES = ["refs/rewritten/", "refs/bisect/", "refs/worktree/"];

export type RefClass = "pseudo" | "own" | "foreign" | "free";

/**
 * pseudo: per-worktree bookkeeping, no check. own: the actor may move it, new commits get checked.
 * foreign: refused for a session. free: the operator moving a ref other than the shared branch
 * (fetching, tagging): not a session's business.
 */
export function classifyRef(ref: string, actor: HookActor, checkedOutBranch?: string): RefClass {
  if (PSEUDO_REFS.has(ref) || PER_WORKTREE_PREFIXES.some((prefix) => ref.startsWith(prefix))) return "pseudo";
  if (actor.kind === "none") return "free";
  // in a lock-mode worktree the operator's commits on the shared branch must not take locked paths
  if (actor.kind === "operator") return ref === checkedOutBranch ? "own" : "free";
  if (ref.startsWith(actor.namespace)) return "own";
  // remote-tracking copies of the namespace, written by git push after a successful push
  if (/^refs\/remotes\/[^/]+\//.test(ref) && ref.replace(/^refs\/remotes\/[^/]+\//, "refs/heads/").startsWith(actor.namespace)) return "own";
  // a lock-mode session shares the worktree's branch; its commits there are checked against locks and scope
  if (actor.mode === "lock" && checkedOutBranch !== undefined && ref === checkedOutBranch) return "own";
  return "foreign";
}

export const ZERO_OID = /^0+$/;
