// Pure: git's porcelain v1 -z status and numstat -z, as the DCC's file list (status names from the API contract).
import { parseStatusZ, type StatusEntry } from "../sessions/worktree-report.ts";

export const FILE_STATUSES = ["modified", "added", "deleted", "renamed", "untracked", "type_changed", "conflicted"] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export interface VcsFile {
  path: string;
  old_path?: string;
  status: FileStatus;
  /** The user's index differs from HEAD for this path (git's X column). */
  staged: boolean;
  binary: boolean;
}

const CONFLICTS = new Set(["DD", "AU", "UD", "UA", "DU", "AA", "UU"]);

export function fileStatus(entry: Pick<StatusEntry, "index" | "worktree">): FileStatus {
  const xy = entry.index + entry.worktree;
  if (xy === "??") return "untracked";
  if (CONFLICTS.has(xy)) return "conflicted";
  if (entry.index === "R" || entry.worktree === "R") return "renamed";
  if (entry.index === "T" || entry.worktree === "T") return "type_changed";
  if (entry.index === "A") return "added";
  if (entry.index === "D" || entry.worktree === "D") return "deleted";
  return "modified";
}

/** `diff --numstat -z --no-renames`: the paths git calls binary ("-\t-\tpath"). */
export function binaryPaths(numstat: string): Set<string> {
  const out = new Set<string>();
  for (const record of numstat.split("\0")) {
    const match = /^-\t-\t(.*)$/s.exec(record);
    if (match) out.add(match[1]!);
  }
  return out;
}

export function vcsFiles(statusZ: string, binary: (path: string, untracked: boolean) => boolean): VcsFile[] {
  return parseStatusZ(statusZ).map((entry) => {
    const status = fileStatus(entry);
    const staged = entry.index !== " " && entry.index !== "?";
    return {
      path: entry.path,
      ...(entry.from ? { old_path: entry.from } : {}),
      status,
      staged,
      binary: binary(entry.path, status === "untracked"),
    };
  });
}
