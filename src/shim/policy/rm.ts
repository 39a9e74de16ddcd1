// GNU rm (coreutils 9): option parsing as getopt_long does it, then every operand located
// lexically and through realpath. Without a trailing slash rm removes a symlink itself; with
// one (`link/`) it recurses into the target.
import { basename, dirname, join, relative, resolve } from "node:path";
import { isInScope } from "../../scope/index.ts";
import { decide, finding, seen, type Finding } from "./decide.ts";
import { governanceInside } from "./git-call.ts";
import { where } from "./locate.ts";
import { rawJoin } from "./realpath.ts";
import type { Decision, GateContext } from "./types.ts";

const LONG = ["force", "interactive", "one-file-system", "no-preserve-root", "preserve-root", "recursive", "dir", "verbose", "help", "version"];
const SHORT: Record<string, string> = { f: "force", i: "interactive", I: "interactive", r: "recursive", R: "recursive", d: "dir", v: "verbose" };

export interface RmArgs {
  options: Set<string>;
  operands: string[];
  problems: string[];
}

export function parseRm(args: readonly string[], posixlyCorrect: boolean): RmArgs {
  const out: RmArgs = { options: new Set(), operands: [], problems: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      if (posixlyCorrect) {
        out.operands.push(...args.slice(i));
        break;
      }
      out.operands.push(arg);
    } else if (arg.startsWith("--")) {
      const typed = arg.slice(2).split("=")[0] as string;
      const hits = LONG.includes(typed) ? [typed] : LONG.filter((l) => l.startsWith(typed));
      if (hits.length === 1) out.options.add(hits[0] as string);
      else out.problems.push(arg);
    } else {
      for (const c of arg.slice(1)) {
        const name = SHORT[c];
        if (name === undefined) out.problems.push(`-${c}`);
        else out.options.add(name);
      }
    }
  }
  return out;
}

function operandFindings(ctx: GateContext, cwd: string, operand: string, recursive: boolean): Finding[] {
  const raw = rawJoin(cwd, operand);
  const abs = resolve(raw);
  const followsLink = /\/\.?$/.test(operand) || [".", ".."].includes(basename(raw));
  const real = followsLink ? ctx.realpath(raw) : join(ctx.realpath(dirname(raw)), basename(raw));
  const w = where(ctx, abs, real);
  const paths = real === abs ? [abs] : [abs, real];
  switch (w) {
    case "root":
      return [finding("rm.worktree-root", paths)];
    case "ancestor":
      return [finding("scope.ancestor", paths)];
    case "other-worktree":
      return [finding("scope.other-worktree", paths)];
    case "main":
      return [finding("scope.main-checkout", paths)];
    case "git-internal":
      return [finding("scope.git-internals", paths)];
    case "governance":
      return [finding("scope.governance", paths)];
    case "outside":
      // The sandbox's /tmp is a private tmpfs: removing there touches nothing outside the session.
      if (ctx.session.privateTmp && paths.every((p) => p.startsWith("/tmp/"))) return [seen(paths)];
      return [finding("rm.outside-scope", paths)];
    case "out-of-scope":
      return [finding("scope.out-of-scope", paths)];
    default:
      break;
  }
  const recorded = [seen(paths)];
  if (!recursive) return recorded;
  const gov = [...governanceInside(fakeCall(ctx), abs), ...governanceInside(fakeCall(ctx), real)];
  if (gov.length > 0) return [finding("scope.governance", gov)];
  // The whole subtree must be in scope, not just the directory's own name.
  const rel = relative(ctx.session.worktree, abs);
  return isInScope(`${rel}/hs-probe/.hs-probe`, ctx.session.scope) ? recorded : [finding("scope.out-of-scope", paths)];
}

function fakeCall(ctx: GateContext) {
  return { ctx, sub: "rm", args: [], cwd: ctx.cwd, top: ctx.session.worktree, literalPathspecs: false, config: [] };
}

export function classifyRm(ctx: GateContext): Decision {
  const parsed = parseRm(ctx.argv.slice(1), ctx.env.POSIXLY_CORRECT !== undefined);
  if (parsed.options.has("help") || parsed.options.has("version")) return decide(ctx, [], "safe.help");
  const findings: Finding[] = parsed.problems.length > 0 ? [finding("rm.parse", undefined, parsed.problems.join(" "))] : [];
  const recursive = parsed.options.has("recursive");
  for (const operand of parsed.operands) findings.push(...operandFindings(ctx, resolve(ctx.cwd), operand, recursive));
  return decide(ctx, findings, "safe.in-scope");
}
