// version.status: the target's branch, HEAD and changed files (tracked, staged or not, and untracked), read
// through host-side git that runs nothing the worktree names.
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { EMPTY_TREE, readAccess, resolveTarget, type VcsTarget } from "./target.ts";
import { binaryPaths, parseStatusV2, vcsFiles, type VcsFile } from "./status-parse.ts";
import { looksBinary, readWorktreeFile } from "./safe-read.ts";

export interface VcsStatus {
  target: string;
  branch: string | null;
  head: string | null;
  files: VcsFile[];
}

export function targetStatus(target: VcsTarget): VcsStatus {
  const git = target.git();
  const { head, branch, entries } = parseStatusV2(git.ok(["status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all"]));
  const tracked = entries.filter((entry) => entry.index !== "?").flatMap((entry) => [entry.path, ...(entry.from ? [entry.from] : [])]);
  // Binary as git decides it (attributes included), asked only about the tracked paths that changed.
  const binary = tracked.length ? binaryPaths(git.ok(["diff", "--numstat", "-z", "--no-renames", head ?? EMPTY_TREE, "--", ...tracked])) : new Set<string>();
  const isBinary = (path: string, untracked: boolean) => {
    if (!untracked) return binary.has(path);
    const read = readWorktreeFile(target.root, path, 8000);
    return read.kind === "file" && looksBinary(read.data);
  };
  return { target: target.name, branch: target.session?.branch ?? branch, head, files: vcsFiles(entries, isBinary) };
}

export function vcsStatusOp(ws: Workspace, actor: Actor, input: { target: string }): VcsStatus {
  authorize(ws, actor, `vcs status ${input.target}`, readAccess(input.target));
  return targetStatus(resolveTarget(ws, input.target));
}
