// What a standing grant covers (pure). A grant made from one approved command covers a later command only
// when it is the same kind of command and no wider: same tool and subcommand, only rules the grant saw, no
// global option or flag it did not have, no other operand (a ref, a commit), and paths within the approved
// ones. Option values are free (`commit -m` with another message). Anything else asks again.
import path from "node:path";
import { parseArgs } from "../policy/options.ts";
import { GIT_OPTIONS } from "../policy/tables/git-options.ts";
import type { CommandShape } from "./types.ts";

// git's global options that take the next word as their value (git.c handle_options).
const GLOBAL_VALUED = new Set(["-c", "-C", "--git-dir", "--work-tree", "--namespace", "--config-env", "--super-prefix", "--exec-path"]);

function splitGlobals(args: readonly string[]): { globals: string[]; rest: string[] } {
  const globals: string[] = [];
  let i = 0;
  for (; i < args.length && args[i]!.startsWith("-"); i++) {
    const arg = args[i]!;
    if (GLOBAL_VALUED.has(arg) && i + 1 < args.length) globals.push(`${arg} ${args[++i]}`);
    else globals.push(arg);
  }
  return { globals, rest: args.slice(i) };
}

/**
 * Options (canonical names, values dropped) and operands. With git's option table for the subcommand the
 * parse is exact; without one (rm, unknown tables) every word that is not an option counts as an operand,
 * which can only make a grant cover less.
 */
function optionsOf(tool: "git" | "rm", sub: string, args: readonly string[]): { flags: string[]; operands: string[] } {
  const table = tool === "git" ? GIT_OPTIONS[sub] : undefined;
  if (table) {
    const parsed = parseArgs(args, table);
    const flags = parsed.options.map((o) => (o.name.startsWith("-") ? o.name : `--${o.negated ? "no-" : ""}${o.name}`));
    return { flags: [...new Set([...flags, ...parsed.problems])].sort(), operands: parsed.operands };
  }
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) flags.add(arg);
    else if (arg.startsWith("-") && arg.length > 1) for (const letter of arg.slice(1)) flags.add(`-${letter}`);
    else operands.push(arg);
  }
  return { flags: [...flags].sort(), operands };
}

function relativePath(worktree: string, absolute: string): string {
  const relative = path.relative(worktree, path.resolve(absolute));
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(absolute) : relative.split(path.sep).join("/");
}

export interface ShapeInput {
  tool: "git" | "rm";
  /** argv[0] is the tool. */
  argv: readonly string[];
  /** Resolved git subcommand (after aliases). */
  subcommand?: string;
  rules: readonly string[];
  /** Absolute paths the decision looked at. */
  paths: readonly string[];
  cwd: string;
  worktree: string;
}

export function shapeOf(input: ShapeInput): CommandShape {
  const args = input.argv.slice(1);
  const { globals, rest } = input.tool === "git" ? splitGlobals(args) : { globals: [], rest: ["rm", ...args] };
  const word = rest[0] ?? "";
  const sub = input.tool === "git" ? (input.subcommand ?? word) : "rm";
  // An alias hides its own options: name it, so a different alias never passes for this one.
  if (input.tool === "git" && word !== sub) globals.push(`alias ${word}`);
  const paths = input.paths.length ? input.paths : [input.cwd];
  const { flags, operands } = optionsOf(input.tool, sub, rest.slice(1));
  // Operands that are paths are judged as paths; the rest (refs, commits, remotes) must be the same words.
  const seen = new Set(input.paths.map((p) => path.resolve(p)));
  const others = operands.filter((word) => !seen.has(path.resolve(input.cwd, word)) && !seen.has(path.resolve(input.worktree, word)));
  return {
    tool: input.tool,
    sub,
    rules: [...new Set(input.rules)].sort(),
    globals: [...new Set(globals)].sort(),
    flags,
    operands: [...new Set(others)].sort(),
    paths: [...new Set(paths.map((p) => relativePath(input.worktree, p)))].sort(),
  };
}

function within(candidate: string, approved: string): boolean {
  return approved === "" || candidate === approved || candidate.startsWith(`${approved}/`);
}

/** Why `cover` does not cover `shape`, or null when it does. */
export function uncovered(cover: CommandShape, shape: CommandShape): string | null {
  if (cover.tool !== shape.tool || cover.sub !== shape.sub) return `a different command (${shape.tool} ${shape.sub})`;
  const rule = shape.rules.find((r) => !cover.rules.includes(r));
  if (rule) return `another rule (${rule})`;
  const global = shape.globals.find((g) => !cover.globals.includes(g));
  if (global) return `an added option (${global})`;
  const flag = shape.flags.find((f) => !cover.flags.includes(f));
  if (flag) return `an added option (${flag})`;
  const operand = (shape.operands ?? []).find((o) => !(cover.operands ?? []).includes(o));
  if (operand !== undefined) return `another operand (${operand})`;
  const outside = shape.paths.find((p) => !cover.paths.some((approved) => within(p, approved)));
  if (outside !== undefined) return `a path outside the approved ones (${outside || "the whole worktree"})`;
  return null;
}

export function covers(cover: CommandShape | null, shape: CommandShape): boolean {
  return cover !== null && uncovered(cover, shape) === null;
}

/** One line: what a grant made from this shape lets run without asking. */
export function coverText(cover: CommandShape): string {
  const options = [...cover.globals, ...cover.flags, ...(cover.operands ?? [])];
  const paths = cover.paths.map((p) => (p === "" ? "the whole worktree" : p));
  return (
    `${cover.tool === "git" ? `git ${cover.sub}` : "rm"}` +
    `${options.length ? ` with at most ${options.join(" ")}` : " with no options"}` +
    `, paths within ${paths.join(", ")} (rule ${cover.rules.join(", ")})`
  );
}
