// What `hs session status` and `hs session diff` report: pure parsers of git's -z output, and the two reads.
import type { SessionRecord } from "../registry/sessions.ts";
import type { Workspace } from "../registry/workspace.ts";
import { worktreeGit } from "./worktree-view.ts";

export interface StatusEntry {
  path: string;
  /** Porcelain v1 columns: staged (X) and worktree (Y) state; "??" for untracked. */
  index: string;
  worktree: string;
  from: string | null;
}

/** `git status --porcelain=v1 -z`: "XY path\0", renames and copies followed by "orig\0". */
export function parseStatusZ(output: string): StatusEntry[] {
  const parts = output.split("\0");
  const entries: StatusEntry[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    if (part.length < 4) continue;
    const [index, worktree] = [part[0]!, part[1]!];
    const moved = index === "R" || index === "C";
    entries.push({ path: part.slice(3), index, worktree, from: moved ? (parts[(i += 1)] ?? null) : null });
  }
  return entries;
}

export interface DiffFile {
  path: string;
  status: string;
  /** null for binary files. */
  added: number | null;
  deleted: number | null;
}

/** `git diff --name-status -z` and `--numstat -z` (no renames) joined by path. */
export function parseDiffZ(nameStatus: string, numstat: string): DiffFile[] {
  const counts = new Map<string, [number | null, number | null]>();
  for (const record of numstat.split("\0")) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(record);
    if (match) counts.set(match[3]!, [match[1] === "-" ? null : Number(match[1]), match[2] === "-" ? null : Number(match[2])]);
  }
  const parts = nameStatus.split("\0");
  const files: DiffFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [added, deleted] = counts.get(parts[i + 1]!) ?? [null, null];
    files.push({ status: parts[i]!, path: parts[i + 1]!, added, deleted });
  }
  return files;
}

const DIFF_FLAGS = ["--no-textconv", "--no-ext-diff", "--ignore-submodules=all", "--no-renames", "--no-color"] as const;

export interface StatusReport {
  session_id: string;
  worktree: string;
  branch: string | null;
  base_rev: string | null;
  head: string | null;
  commits_since_base: number | null;
  files: StatusEntry[];
}

export function worktreeStatus(ws: Workspace, session: SessionRecord): StatusReport {
  const git = worktreeGit(ws, session);
  const head = git.run(["rev-parse", "--verify", "--quiet", "HEAD"]).stdout.trim() || null;
  const since = session.baseRev && head ? git.run(["log", "--format=%H", `${session.baseRev}..${head}`]) : null;
  const files = parseStatusZ(git.ok(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all", "--no-renames"]));
  return {
    session_id: session.id,
    worktree: session.worktree,
    branch: session.branch,
    base_rev: session.baseRev,
    head,
    commits_since_base: since && since.code === 0 ? since.stdout.split("\n").filter(Boolean).length : null,
    files,
  };
}

export interface DiffReport {
  session_id: string;
  base: string;
  files: DiffFile[];
  untracked: string[];
  patch: string;
}

/** The session's work against its base: committed and uncommitted changes to tracked files. */
export function worktreeDiff(ws: Workspace, session: SessionRecord, options: { stat?: boolean } = {}): DiffReport {
  const git = worktreeGit(ws, session);
  const base = session.baseRev ?? "HEAD";
  const files = parseDiffZ(git.ok(["diff", ...DIFF_FLAGS, "--name-status", "-z", base, "--"]), git.ok(["diff", ...DIFF_FLAGS, "--numstat", "-z", base, "--"]));
  const untracked = git.ok(["ls-files", "-z", "--others", "--exclude-standard"]).split("\0").filter(Boolean);
  const patch = git.ok(["diff", ...DIFF_FLAGS, ...(options.stat ? ["--stat"] : []), base, "--"]);
  return { session_id: session.id, base, files, untracked, patch };
}
