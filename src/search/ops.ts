// context.search: `git grep` across a target's worktree (tracked files; untracked ones when asked), as snippet
// references, and open_ref: a bounded excerpt around one line. Limits: pattern size, result count, output bytes and
// time (git is killed after `timeoutMs`). Git runs through the hardened runner: no textconv, no submodules entered;
// files are read without following symlinks.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { readAccess, resolveTarget } from "../vcs/target.ts";
import { isPlainRelative, looksBinary, readWorktreeFile } from "../vcs/safe-read.ts";
import { parseGrep, excerptOf, type SearchHit } from "./parse.ts";

export const SEARCH_LIMITS = { patternBytes: 512, defaultResults: 100, maxResults: 1000, outputBytes: 2 * 1024 * 1024, timeoutMs: 3000 } as const;
export const OPEN_LIMITS = { fileBytes: 1024 * 1024, defaultContext: 20, maxContext: 200, lineChars: 1000 } as const;

export interface SearchInput {
  target: string;
  q: string;
  regex?: boolean;
  untracked?: boolean;
  maxResults?: number;
  /** Defaults to SEARCH_LIMITS.timeoutMs; tests make it small. */
  timeoutMs?: number;
}

export interface SearchResult {
  results: SearchHit[];
  truncated: boolean;
  /** Set when git was stopped: "time" (over the time limit) or "bytes" (over the output limit). */
  stopped?: "time" | "bytes";
  elapsed_ms: number;
}

export async function searchOp(ws: Workspace, actor: Actor, input: SearchInput): Promise<SearchResult> {
  authorize(ws, actor, `search ${input.target}`, readAccess(input.target));
  const hint = `hs search ${input.target} 'a shorter pattern'`;
  if (!input.q || Buffer.byteLength(input.q) > SEARCH_LIMITS.patternBytes || input.q.includes("\0") || input.q.includes("\n")) {
    throw new HsError("HS-SEARCH-INVALID", `the pattern must be 1-${SEARCH_LIMITS.patternBytes} bytes on one line`, { hint });
  }
  const max = Math.min(Math.max(1, input.maxResults ?? SEARCH_LIMITS.defaultResults), SEARCH_LIMITS.maxResults);
  const target = resolveTarget(ws, input.target);
  const started = Date.now();
  const args = ["grep", "-n", "-I", "--null", "--no-color", input.regex ? "-E" : "-F", ...(input.untracked ? ["--untracked"] : []), "-e", input.q, "--"];
  const out = await target.git().async(args, { timeoutMs: input.timeoutMs ?? SEARCH_LIMITS.timeoutMs, maxBytes: SEARCH_LIMITS.outputBytes });
  if (!out.stopped && out.code !== 0 && out.code !== 1) {
    const why = out.stderr.trim().split("\n")[0] ?? `git grep exited ${out.code}`;
    throw new HsError("HS-SEARCH-INVALID", `git grep refused the pattern: ${why}`, { hint, details: { exit_code: out.code } });
  }
  const { hits, more } = parseGrep(out.stdout, max);
  return { results: hits, truncated: more || out.stopped !== undefined, ...(out.stopped ? { stopped: out.stopped } : {}), elapsed_ms: Date.now() - started };
}

export interface OpenRefResult {
  path: string;
  start_line: number;
  lines: string[];
  truncated: boolean;
}

/** The lines around `line` (1-based) of a worktree file: never through a symlink, never past 1 MiB of the file. */
export function openRefOp(ws: Workspace, actor: Actor, input: { target: string; path: string; line: number; context?: number }): OpenRefResult {
  authorize(ws, actor, `search open ${input.target} ${input.path}`, readAccess(input.target));
  if (!isPlainRelative(input.path)) throw new HsError("HS-USAGE", `not a plain repository-relative path: ${input.path}`, { hint: `hs search ${input.target} PATTERN` });
  const target = resolveTarget(ws, input.target);
  const read = readWorktreeFile(target.root, input.path, OPEN_LIMITS.fileBytes);
  if (read.kind !== "file") {
    const why = read.kind === "missing" ? "does not exist" : read.kind === "symlink" ? "is a symlink (not followed)" : read.kind === "outside" ? "lies outside the worktree" : "is not a regular file";
    throw new HsError(read.kind === "missing" ? "HS-FILE-NOT-FOUND" : "HS-VCS-UNSAFE-PATH", `${input.path} ${why}`, { hint: `hs search ${input.target} PATTERN` });
  }
  if (looksBinary(read.data)) throw new HsError("HS-USAGE", `${input.path} is binary`, { hint: `hs vcs diff ${input.target} ${input.path}` });
  const all = read.data.toString("utf8").split("\n");
  const context = Math.min(Math.max(0, input.context ?? OPEN_LIMITS.defaultContext), OPEN_LIMITS.maxContext);
  const start = Math.max(1, input.line - context);
  const end = Math.min(all.length, input.line + context);
  const lines = all.slice(start - 1, end).map((text) => excerptOf(text, OPEN_LIMITS.lineChars));
  return { path: input.path, start_line: start, lines, truncated: read.truncated || lines.some((l) => l.endsWith("…")) };
}
