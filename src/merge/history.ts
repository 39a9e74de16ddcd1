// What a session's branch contains: commits, every path any commit touched, and the raw file changes.
import type { HostGit } from "./git.ts";
import { splitZ } from "./git.ts";
import type { TouchedPath } from "./validate.ts";

export interface CommitInfo {
  oid: string;
  subject: string;
}

export interface FileChange {
  path: string;
  status: "A" | "M" | "D" | "R" | "C" | "T";
  old_path: string | null;
  old_mode: string;
  new_mode: string;
  old_blob: string;
  new_blob: string;
}

export interface RangeHistory {
  /** Oldest first, merges included. */
  commits: CommitInfo[];
  /** Every path a non-merge commit in the range touched (no rename pairing: both sides count), newest first. */
  touched: TouchedPath[];
}

/**
 * One `log --raw` over `range` (a list of revisions, e.g. [head, "^base", "^target"]) gives the commits and the paths
 * each touched. In `-z --raw` output a path always follows a `:meta` field, so a file name can never pass for a
 * commit header; a header that is not an object id fails closed.
 */
const RAW_META = /^:[0-7]{6} [0-7]{6} (?:[0-9a-f]{40}|[0-9a-f]{64}) (?:[0-9a-f]{40}|[0-9a-f]{64}) [A-Z][0-9]*$/;

export function rangeHistory(git: HostGit, range: string[]): RangeHistory {
  const commits: CommitInfo[] = [];
  const touched: TouchedPath[] = [];
  const fields = splitZ(git.ok(["log", "-z", "--no-renames", "--raw", "--no-abbrev", "--format=%x01%H%x02%s", ...range, "--"]));
  let commit: string | null = null;
  for (let index = 0; index < fields.length; index += 1) {
    const field = (fields[index] as string).replace(/^\n/, "");
    if (RAW_META.test(field)) {
      touched.push({ path: fields[index + 1] as string, commit });
      index += 1;
      continue;
    }
    const header = /^\x01([0-9a-f]{40}|[0-9a-f]{64})\x02/.exec(field);
    if (!header) throw new Error(`git log printed a record hs cannot read: ${JSON.stringify(field.slice(0, 80))}`);
    commit = header[1] as string;
    commits.push({ oid: commit, subject: field.slice(header[0].length) });
  }
  return { commits: commits.reverse(), touched };
}

/** Paths of the net diff from mergeBase, which covers what merge commits brought in. */
export function netPaths(git: HostGit, mergeBase: string, head: string): TouchedPath[] {
  return splitZ(git.ok(["diff", "--no-ext-diff", "-z", "--no-renames", "--name-only", mergeBase, head])).map((path) => ({ path, commit: null }));
}

/** The same paths from a diff-tree already read (renames give both sides, like --no-renames does). */
export function changedPaths(files: readonly FileChange[]): TouchedPath[] {
  return files.flatMap((file) => [...(file.old_path ? [{ path: file.old_path, commit: null }] : []), { path: file.path, commit: null }]);
}

export function fileChanges(git: HostGit, from: string, to: string): FileChange[] {
  const fields = splitZ(git.ok(["diff-tree", "-r", "-z", "-M", "--no-abbrev", from, to]));
  const changes: FileChange[] = [];
  for (let index = 0; index < fields.length; ) {
    const meta = (fields[index] as string).replace(/^:/, "").split(" ");
    const [oldMode, newMode, oldBlob, newBlob, statusField] = meta as [string, string, string, string, string];
    const status = statusField.charAt(0) as FileChange["status"];
    if (status === "R" || status === "C") {
      changes.push({ path: fields[index + 2] as string, status, old_path: fields[index + 1] as string, old_mode: oldMode, new_mode: newMode, old_blob: oldBlob, new_blob: newBlob });
      index += 3;
    } else {
      changes.push({ path: fields[index + 1] as string, status, old_path: null, old_mode: oldMode, new_mode: newMode, old_blob: oldBlob, new_blob: newBlob });
      index += 2;
    }
  }
  return changes;
}
