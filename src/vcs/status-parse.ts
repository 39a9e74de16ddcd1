// Pure: git's porcelain v1 -z status and numstat -z, as the DCC's file list (status names from the API contract).
import type { StatusEntry } from "../sessions/worktree-report.ts";

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

export function vcsFiles(entries: StatusV2["entries"], binary: (path: string) => boolean): VcsFile[] {
  return entries.map((entry) => {
    const status = fileStatus(entry);
    const staged = entry.index !== " " && entry.index !== "?";
    return {
      path: entry.path,
      ...(entry.from ? { old_path: entry.from } : {}),
      status,
      staged,
      binary: status !== "deleted" && binary(entry.path),
    };
  });
}

export interface StatusV2 {
  head: string | null;
  branch: string | null;
  entries: Array<{ path: string; from: string | null; index: string; worktree: string }>;
}

/**
 * `status --porcelain=v2 -z --branch`: "# branch.oid <oid>|(initial)", "# branch.head <name>|(detached)", then
 * "1 XY sub mH mI mW hH hI path", "2 XY sub mH mI mW hH hI Xscore path\0orig", "u XY sub m1 m2 m3 mW h1 h2 h3 path",
 * "? path" (ignored entries are not asked for). One call gives HEAD, the branch and the files.
 */
export function parseStatusV2(output: string): StatusV2 {
  const records = output.split("\0");
  const result: StatusV2 = { head: null, branch: null, entries: [] };
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i]!;
    if (record.startsWith("# branch.oid ")) {
      const oid = record.slice(13);
      result.head = oid === "(initial)" ? null : oid;
    } else if (record.startsWith("# branch.head ")) {
      const name = record.slice(14);
      result.branch = name === "(detached)" ? null : name;
    } else if (record.startsWith("? ")) {
      result.entries.push({ path: record.slice(2), from: null, index: "?", worktree: "?" });
    } else if (/^[12u] /.test(record)) {
      const fields = { "1": 8, "2": 9, u: 10 }[record[0] as "1" | "2" | "u"];
      const parts = record.split(" ");
      const path = parts.slice(fields).join(" ");
      const xy = parts[1] ?? "..";
      const from = record[0] === "2" ? (records[(i += 1)] ?? null) : null;
      result.entries.push({ path, from, index: xy[0] === "." ? " " : xy[0]!, worktree: xy[1] === "." ? " " : xy[1]! });
    }
  }
  return result;
}
