// version.status: the target's branch, HEAD and changed files (tracked, staged or not, and untracked), read
// through host-side git that runs nothing the worktree names.
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { EMPTY_TREE, headOf, readAccess, resolveTarget, type VcsTarget } from "./target.ts";
import { binaryPaths, vcsFiles, type VcsFile } from "./status-parse.ts";
import { looksBinary, readWorktreeFile } from "./safe-read.ts";

export interface VcsStatus {
  target: string;
  branch: string | null;
  head: string | null;
  files: VcsFile[];
}

export function targetStatus(target: VcsTarget): VcsStatus {
  const git = target.git();
  const head = headOf(git);
  const statusZ = git.ok(["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const binary = binaryPaths(git.ok(["diff", "--numstat", "-z", "--no-renames", head ?? EMPTY_TREE, "--"]));
  const isBinary = (path: string, untracked: boolean) => {
    if (!untracked) return binary.has(path);
    const read = readWorktreeFile(target.root, path, 8000);
    return read.kind === "file" && looksBinary(read.data);
  };
  const branch = target.session?.branch ?? (git.run(["symbolic-ref", "--short", "-q", "HEAD"]).stdout.trim() || null);
  return { target: target.name, branch, head: head ?? null, files: vcsFiles(statusZ, isBinary) };
}

export function vcsStatusOp(ws: Workspace, actor: Actor, input: { target: string }): VcsStatus {
  authorize(ws, actor, `vcs status ${input.target}`, readAccess(input.target));
  return targetStatus(resolveTarget(ws, input.target));
}
