// version.diff: one path's change against HEAD (staged and unstaged together: what a commit of that path would
// record), bounded, binary-aware and rename-aware, with bounded old/new texts for a side-by-side view.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { EMPTY_TREE, headOf, readAccess, resolveTarget, type VcsTarget } from "./target.ts";
import { targetStatus } from "./status.ts";
import { looksBinary, readWorktreeFile } from "./safe-read.ts";
import { withTempIndexAsync } from "./temp-index.ts";
import type { FileStatus } from "./status-parse.ts";

export const DIFF_DEFAULT_BYTES = 256 * 1024;
export const DIFF_MAX_BYTES = 1024 * 1024;

export interface VcsDiff {
  path: string;
  old_path?: string;
  status: FileStatus;
  binary: boolean;
  truncated: boolean;
  patch: string;
  old_text?: string;
  new_text?: string;
}

export async function targetDiff(target: VcsTarget, file: string, maxBytes: number): Promise<VcsDiff> {
  const entry = targetStatus(target).files.find((f) => f.path === file || f.old_path === file);
  if (!entry) {
    throw new HsError("HS-VCS-UNCHANGED", `'${file}' has no uncommitted change in ${target.name}`, { hint: `hs vcs status ${target.name}` });
  }
  const head = headOf(target.git());
  const paths = entry.old_path ? [entry.old_path, entry.path] : [entry.path];
  // A temporary index (HEAD + intent-to-add for an untracked path) so git diffs a new file like any other.
  const patch = await withTempIndexAsync(async (env) => {
    const git = target.git(env);
    git.ok(head ? ["read-tree", head] : ["read-tree", "--empty"]);
    // A path HEAD does not have (untracked, added, a rename's new name) is compared as a new file.
    if (entry.status === "untracked" || entry.status === "added" || entry.old_path) git.ok(["add", "--intent-to-add", "--", entry.path]);
    const args = ["diff", "--no-color", "-M", head ?? EMPTY_TREE, "--", ...paths];
    return git.async(args, { maxBytes: maxBytes, timeoutMs: 10_000 });
  });
  // A deleted file's binary flag comes from its HEAD version (status reads only what the worktree holds).
  const binary = entry.binary || (entry.status === "deleted" && /^Binary files /m.test(patch.stdout));
  const result: VcsDiff = {
    path: entry.path,
    ...(entry.old_path ? { old_path: entry.old_path } : {}),
    status: entry.status,
    binary,
    truncated: patch.stopped !== undefined,
    patch: patch.stdout,
  };
  if (binary) return result;
  const oldPath = entry.old_path ?? entry.path;
  const oldText = head && entry.status !== "added" && entry.status !== "untracked" ? blobText(target, `${head}:${oldPath}`, maxBytes) : "";
  const newRead = readWorktreeFile(target.root, entry.path, maxBytes);
  const newText = newRead.kind === "file" && !newRead.truncated && !looksBinary(newRead.data) ? newRead.data.toString("utf8") : newRead.kind === "missing" ? "" : undefined;
  if (oldText !== undefined) result.old_text = oldText;
  if (newText !== undefined) result.new_text = newText;
  return result;
}

function blobText(target: VcsTarget, spec: string, maxBytes: number): string | undefined {
  const git = target.git();
  const size = Number(git.run(["cat-file", "-s", spec]).stdout.trim());
  if (!Number.isFinite(size) || size > maxBytes) return undefined;
  const blob = git.buffer(["cat-file", "blob", spec]);
  return blob.code === 0 && !looksBinary(blob.stdout) ? blob.stdout.toString("utf8") : undefined;
}

export async function vcsDiffOp(ws: Workspace, actor: Actor, input: { target: string; path: string; maxBytes?: number }): Promise<VcsDiff> {
  authorize(ws, actor, `vcs diff ${input.target} -- ${input.path}`, readAccess(input.target));
  const maxBytes = Math.min(input.maxBytes ?? DIFF_DEFAULT_BYTES, DIFF_MAX_BYTES);
  return targetDiff(resolveTarget(ws, input.target), input.path, maxBytes);
}
