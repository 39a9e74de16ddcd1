// version.status: the target's branch, HEAD and changed files (tracked, staged or not, and untracked), read
// through host-side git that runs nothing the worktree names.
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { readAccess, resolveTarget, type VcsTarget } from "./target.ts";
import { parseStatusV2, vcsFiles, type VcsFile } from "./status-parse.ts";
import { looksBinary, readWorktreeFile } from "./safe-read.ts";

export interface VcsStatus {
  target: string;
  branch: string | null;
  head: string | null;
  files: VcsFile[];
}

export function targetStatus(target: VcsTarget): VcsStatus {
  const { head, branch, entries } = parseStatusV2(target.git().ok(["status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all"]));
  // git's own test (a NUL in the first 8000 bytes) on what the worktree holds now, read without following symlinks;
  // one git call per status. A deleted file has nothing to read: `diff` decides from its HEAD blob.
  const isBinary = (path: string) => {
    const read = readWorktreeFile(target.root, path, 8000);
    return read.kind === "file" && looksBinary(read.data);
  };
  return { target: target.name, branch: target.session?.branch ?? branch, head, files: vcsFiles(entries, isBinary) };
}

export function vcsStatusOp(ws: Workspace, actor: Actor, input: { target: string }): VcsStatus {
  authorize(ws, actor, `vcs status ${input.target}`, readAccess(input.target));
  return targetStatus(resolveTarget(ws, input.target));
}
