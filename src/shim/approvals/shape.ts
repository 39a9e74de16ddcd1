// What a standing grant covers (pure). A grant made from one approved command covers a later command only
// when it is the same kind of command and no wider: same tool and subcommand, only rules the grant saw, no
// global option or flag it did not have, and paths within the approved ones. Anything else asks again.
import path from "node:path";
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

function flagsOf(args: readonly string[]): string[] {
  const flags = new Set<string>();
  for (const arg of args) {
    if (arg === "--") break;
    if (arg.startsWith("--")) flags.add(arg);
    else if (arg.startsWith("-") && arg.length > 1) for (const letter of arg.slice(1)) flags.add(`-${letter}`);
  }
  return [...flags].sort();
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
  return {
    tool: input.tool,
    sub,
    rules: [...new Set(input.rules)].sort(),
    globals: [...new Set(globals)].sort(),
    flags: flagsOf(rest.slice(1)),
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
  const outside = shape.paths.find((p) => !cover.paths.some((approved) => within(p, approved)));
  if (outside !== undefined) return `a path outside the approved ones (${outside || "the whole worktree"})`;
  return null;
}

export function covers(cover: CommandShape | null, shape: CommandShape): boolean {
  return cover !== null && uncovered(cover, shape) === null;
}

/** One line: what a grant made from this shape lets run without asking. */
export function coverText(cover: CommandShape): string {
  const options = [...cover.globals, ...cover.flags];
  const paths = cover.paths.map((p) => (p === "" ? "the whole worktree" : p));
  return (
    `${cover.tool === "git" ? `git ${cover.sub}` : "rm"}` +
    `${options.length ? ` with at most ${options.join(" ")}` : " with no options"}` +
    `, paths within ${paths.join(", ")} (rule ${cover.rules.join(", ")})`
  );
}
