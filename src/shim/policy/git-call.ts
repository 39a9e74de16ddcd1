// One resolved git invocation, and the path checks every subcommand rule shares.
import { relative, resolve } from "node:path";
import { isGovernancePath } from "../../scope/index.ts";
import { finding, seen, type Finding } from "./decide.ts";
import { isInside, where, type Where } from "./locate.ts";
import { parsePathspec } from "./pathspec.ts";
import { rawJoin } from "./realpath.ts";
import type { RuleId } from "./rules.ts";
import type { ConfigSetting } from "./git-globals.ts";
import type { GateContext } from "./types.ts";

export interface GitCall {
  ctx: GateContext;
  sub: string;
  args: string[];
  /** Effective cwd after every -C. */
  cwd: string;
  /** The worktree top that `:/` pathspecs are relative to. */
  top: string;
  literalPathspecs: boolean;
  icasePathspecs?: boolean;
  /** Every config setting that applies, in order (persistent, env, -c): the last one wins. */
  config: ConfigSetting[];
}

/** How a command uses a path: reading it, writing it, deleting it, or as a pathspec. */
export type Role = "read" | "write" | "delete" | "pathspec" | "pathspec-read";

export function configValue(call: GitCall, key: string): string | undefined {
  const k = key.toLowerCase();
  let value: string | undefined;
  let found = false;
  for (const s of call.config) {
    if (s.key.toLowerCase() === k) {
      value = s.value;
      found = true;
    }
  }
  return found ? (value ?? "true") : undefined;
}

export function configKeys(call: GitCall, re: RegExp): string[] {
  return call.config.filter((s) => re.test(s.key.toLowerCase())).map((s) => s.value ?? "true");
}

function ruleFor(w: Where, role: Role): RuleId | null {
  switch (w) {
    case "other-worktree":
      return "scope.other-worktree";
    case "main":
      return "scope.main-checkout";
    case "git-internal":
      return role === "read" || role === "pathspec-read" ? null : "scope.git-internals";
    case "ancestor":
      return role === "read" || role === "pathspec-read" ? "scope.other-worktree" : "scope.ancestor";
    case "outside":
      return role === "read" ? null : "scope.outside";
    case "governance":
      return role === "read" || role === "pathspec-read" ? null : "scope.governance";
    case "out-of-scope":
      return role === "read" || role === "pathspec-read" ? null : "scope.out-of-scope";
    default:
      return null;
  }
}

/** A finding for a problem; an allow-level finding that only records the path otherwise (previews). */
export function checkAbs(call: GitCall, abs: string, role: Role): Finding[] {
  const rule = ruleFor(where(call.ctx, abs), role);
  return [rule === null ? seen([resolve(abs)]) : finding(rule, [resolve(abs)])];
}

export function checkFile(call: GitCall, value: string, role: Role): Finding[] {
  if (value === "-" || value === "") return [];
  return checkAbs(call, rawJoin(call.cwd, value), role);
}

/** Pathspecs as git applies them: only exclusions means "everything under cwd except these". */
export function pathspecsOf(call: GitCall, specs: readonly string[]) {
  const parsed = specs.map((spec) => parsePathspec(spec, call.cwd, call.top, call.literalPathspecs, call.icasePathspecs === true));
  if (parsed.length > 0 && parsed.every((p) => p.exclude)) parsed.push(parsePathspec(".", call.cwd, call.top));
  return parsed;
}

export function checkPathspecs(call: GitCall, specs: readonly string[], role: Role): Finding[] {
  return pathspecsOf(call, specs).flatMap((p) => {
    if (p.exclude) return [];
    const found = checkAbs(call, p.abs, role);
    const writes = role !== "read" && role !== "pathspec-read";
    const clean = found.every((f) => f.record === true);
    if (p.icase && writes && clean && icaseGovernance(call, p.abs)) found.push(finding("scope.governance", [p.abs]));
    return found;
  });
}

function icaseGovernance(call: GitCall, abs: string): boolean {
  if (!isInside(abs, call.ctx.session.worktree)) return false;
  const rel = relative(call.ctx.session.worktree, abs).toLowerCase();
  return rel !== "" && isGovernancePath(rel, call.ctx.governance.map((g) => g.toLowerCase()));
}

/** The governance roots (static part of each glob) that lie inside `abs`. */
export function governanceInside(call: GitCall, abs: string): string[] {
  return call.ctx.governance
    .map((g) => resolve(call.ctx.session.worktree, g.split("/").filter((seg, i, all) => !/[*?[{]/.test(seg) && all.slice(0, i).every((s) => !/[*?[{]/.test(s))).join("/")))
    .filter((base) => isInside(base, abs) || isInside(base, call.ctx.realpath(abs)));
}

export const ok: Finding[] = [];
export { finding };
