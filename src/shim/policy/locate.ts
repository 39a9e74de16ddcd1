// Where an absolute path lies relative to the session: segment-aware containment, lexically and
// through realpath (a symlink inside the worktree may lead anywhere).
import { isAbsolute, relative, resolve } from "node:path";
import { isGovernancePath, isInScope } from "../../scope/index.ts";
import type { GateContext } from "./types.ts";

export type Where =
  | "root" // the session worktree root itself
  | "in-scope"
  | "out-of-scope" // inside the worktree, outside IN_SCOPE_PATHS
  | "governance"
  | "git-internal" // .git in the worktree, the session git dir, the common dir, .handshake
  | "other-worktree"
  | "main"
  | "ancestor" // contains the worktree, another worktree or the repository
  | "outside";

/** Segment-aware: `/a/bc` is not inside `/a/b`. Equal counts as inside. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith("../") && !isAbsolute(rel));
}

function both(ctx: GateContext, p: string): string[] {
  const real = ctx.realpath(p);
  return real === p ? [p] : [p, real];
}

type Roots = { w: string[]; internal: string[]; others: string[]; main: string[] };
const ROOTS = new WeakMap<GateContext, Roots>();

/** Every spelling of the roots that matter, given and real (computed once per context). */
export function rootsOf(ctx: GateContext): Roots {
  const known = ROOTS.get(ctx);
  if (known) return known;
  const roots = computeRoots(ctx);
  ROOTS.set(ctx, roots);
  return roots;
}

function computeRoots(ctx: GateContext): Roots {
  const w = both(ctx, resolve(ctx.session.worktree));
  const internal = [ctx.session.gitDir, ctx.repo.commonDir, ctx.repo.handshakeDir].flatMap((d) => both(ctx, resolve(d)));
  const others = ctx.repo.worktrees.map((d) => resolve(d)).filter((d) => !w.includes(d) && !w.includes(ctx.realpath(d)));
  const main = both(ctx, resolve(ctx.repo.mainRoot));
  return { w, internal, others: others.flatMap((d) => both(ctx, d)), main };
}

/** Classifies one spelling of a path (already absolute and normalised). */
export function whereOne(ctx: GateContext, p: string): Where {
  const roots = rootsOf(ctx);
  if (roots.internal.some((d) => isInside(p, d))) return "git-internal";
  const nested = [...roots.others, ...roots.internal];
  for (const w of roots.w) {
    if (!isInside(p, w)) continue;
    const rel = relative(w, p);
    if (rel === "") return "root";
    // A directory of this worktree that holds another worktree or the repository (lock mode, nesting).
    if (nested.some((d) => d !== p && isInside(d, p))) return "ancestor";
    if (rel === ".git" || rel.startsWith(".git/")) return "git-internal";
    if (isGovernancePath(rel, ctx.governance)) return "governance";
    return isInScope(rel, ctx.session.scope) ? "in-scope" : "out-of-scope";
  }
  for (const o of roots.others) {
    if (p === o) return roots.main.includes(o) ? "main" : "other-worktree";
  }
  const protectedRoots = [...roots.w, ...roots.others, ...roots.internal, ...roots.main];
  if (protectedRoots.some((d) => d !== p && isInside(d, p))) return "ancestor";
  for (const o of roots.others) {
    if (isInside(p, o)) return roots.main.includes(o) ? "main" : "other-worktree";
  }
  if (roots.main.some((m) => isInside(p, m))) return "main";
  return "outside";
}

const SEVERITY: Record<Where, number> = {
  "in-scope": 0, root: 1, "out-of-scope": 2, governance: 3, outside: 4,
  ancestor: 5, "git-internal": 6, main: 7, "other-worktree": 8,
};

/**
 * Lexical and real location; the worse one wins. `raw` is absolute but not normalised, so the
 * realpath sees `link/..` as the kernel does.
 */
export function where(ctx: GateContext, raw: string, realForm?: string): Where {
  const lexical = resolve(raw);
  const real = realForm ?? ctx.realpath(raw);
  const a = whereOne(ctx, lexical);
  const b = whereOne(ctx, real);
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
