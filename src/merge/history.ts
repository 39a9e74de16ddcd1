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

/** `range` is a list of revisions, e.g. [head, "^base", "^target"]. */
export function listCommits(git: HostGit, range: string[]): CommitInfo[] {
  return splitZ(git.ok(["log", "-z", "--reverse", "--format=%H%x01%s", ...range, "--"])).map((record) => {
    const [oid, subject] = record.split("\x01");
    return { oid: oid as string, subject: subject ?? "" };
  });
}

/**
 * Every path touched by any non-merge commit in the range (no rename pairing, so both sides of a rename count),
 * plus the net diff from mergeBase, which covers what merge commits brought in. An out-of-scope file that was
 * added and later deleted is still reported.
 */
export function touchedPaths(git: HostGit, range: string[], mergeBase: string, head: string): TouchedPath[] {
  const touched: TouchedPath[] = [];
  let commit: string | null = null;
  for (const field of splitZ(git.ok(["log", "-z", "--no-renames", "--no-merges", "--name-only", "--format=%x01%H", ...range, "--"]))) {
    const line = field.replace(/^\n/, "");
    if (line.startsWith("\x01")) {
      const [oid, first] = line.slice(1).split("\n");
      commit = oid ?? null;
      if (first) touched.push({ path: first, commit });
    } else if (line) touched.push({ path: line, commit });
  }
  for (const path of splitZ(git.ok(["diff", "--no-ext-diff", "-z", "--no-renames", "--name-only", mergeBase, head]))) touched.push({ path, commit: null });
  return touched;
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
