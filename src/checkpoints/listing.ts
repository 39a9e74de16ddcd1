// What a checkpoint covers, asked of git on the host with neutral config in one call: tracked, staged and
// untracked files, not ignored ones. git only lists here (it reads .gitignore, never runs a program).
import { HARDENED_CONFIG_ARGS, runGitSyncBuffer, gitFailure, sessionGitEnv, type SessionGitDir } from "../git/index.ts";

export interface StagedEntry {
  mode: string;
  oid: string;
  path: string;
}

export interface WorkingListing {
  /** Tracked and untracked non-ignored paths; nested repositories (listed as `dir/`) are left out. */
  paths: string[];
  /** The index's stage-0 entries, as the session's index claims them. */
  staged: StagedEntry[];
  /** Untracked, not ignored paths (the part of `paths` the index does not name). */
  others: string[];
  /** Nested repositories (`dir/` records), without the slash. */
  nested: string[];
}

/** Pure: parses `ls-files -z --stage --cached --others` output (others carry no stage fields). */
export function parseListing(records: readonly string[]): WorkingListing {
  const paths = new Set<string>();
  const staged: StagedEntry[] = [];
  const others: string[] = [];
  const nested: string[] = [];
  for (const record of records) {
    const tab = record.indexOf("\t");
    const meta = tab < 0 ? undefined : /^(\d{6}) ([0-9a-f]{40}) (\d)$/.exec(record.slice(0, tab));
    const file = meta ? record.slice(tab + 1) : record;
    if (file.endsWith("/") && !meta) nested.push(file.slice(0, -1));
    if (!file || file.endsWith("/")) continue;
    paths.add(file);
    if (!meta) others.push(file);
    if (meta?.[3] === "0") staged.push({ mode: meta[1] ?? "", oid: meta[2] ?? "", path: file });
  }
  return { paths: [...paths].sort(), staged, others, nested };
}

/** The repository is named explicitly (never found through the worktree's `.git` file), config is hardened. */
export function listWorking(dir: SessionGitDir): WorkingListing {
  const args = [...HARDENED_CONFIG_ARGS, "ls-files", "-z", "--stage", "--cached", "--others", "--exclude-standard"];
  const request = { args, cwd: dir.worktree, env: sessionGitEnv(dir) };
  const result = runGitSyncBuffer(request);
  if (result.code !== 0) throw gitFailure(request, result);
  return parseListing(result.stdout.toString("utf8").split("\0"));
}
