// version.revert(paths[]): discarding uncommitted changes, only through the Approval Inbox. Asking files a request
// whose preview says what could be lost and whose argv carries a fingerprint of the files as previewed; approving
// it (hs approve / POST /approvals/:id/approve) performs the revert — unless the files changed since the preview
// (HS-VCS-CHANGED: nothing is discarded that the operator did not see). HEAD's version comes back for tracked paths
// (through a temporary index: the user's index is untouched), new and untracked files are deleted. Nothing is
// written through a symlinked folder, and folders (nested repositories) are never deleted.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { frActor, OPERATOR, type Actor } from "../ops/actor.ts";
import { realResolve } from "../ops/paths.ts";
import { consume, fileRequest } from "../shim/approvals/ops.ts";
import { REVERT_RULE } from "../ops/approved-rules.ts";
import type { ApprovalRequest, PreviewEntry } from "../shim/approvals/types.ts";
import { headOf, MAIN_REQUEST_SESSION, resolveTarget, type VcsTarget } from "./target.ts";
import { checkPaths } from "./paths.ts";
import { targetStatus } from "./status.ts";
import { readWorktreeFile } from "./safe-read.ts";
import { withTempIndex } from "./temp-index.ts";
import type { VcsFile } from "./status-parse.ts";

const FINGERPRINT_MAX = 64 * 1024 * 1024;

interface Plan {
  files: VcsFile[];
  /** Paths HEAD has: its version is written back. */
  restore: string[];
  /** Paths HEAD does not have: deleted. */
  remove: string[];
}

function plan(target: VcsTarget, paths: string[]): Plan {
  const changed = targetStatus(target).files;
  const files = paths.map((p) => changed.find((f) => f.path === p || f.old_path === p)).filter((f): f is VcsFile => !!f);
  const unchanged = paths.filter((p) => !changed.some((f) => f.path === p || f.old_path === p));
  if (unchanged.length) {
    throw new HsError("HS-VCS-NOTHING-TO-REVERT", `no uncommitted change to discard in ${unchanged.slice(0, 5).join(", ")}`, { hint: `hs vcs status ${target.name}` });
  }
  const unique = [...new Map(files.map((f) => [f.path, f])).values()];
  const restore = unique.flatMap((f) => (f.old_path ? [f.old_path] : f.status === "untracked" || f.status === "added" ? [] : [f.path]));
  const remove = unique.filter((f) => f.old_path || f.status === "untracked" || f.status === "added").map((f) => f.path);
  return { files: unique, restore, remove };
}

/** What the worktree holds at these paths now (content hash, or what kind of non-file). */
function fingerprint(root: string, paths: string[]): string {
  const hash = crypto.createHash("sha256");
  for (const file of [...paths].sort()) {
    const read = readWorktreeFile(root, file, FINGERPRINT_MAX);
    const digest = read.kind === "file" ? crypto.createHash("sha256").update(read.data).digest("hex") + `:${read.size}` : read.kind;
    hash.update(`${file}\0${digest}\0`);
  }
  return hash.digest("hex").slice(0, 16);
}

function previewEntries(target: VcsTarget, files: VcsFile[]): PreviewEntry[] {
  return files.map((f) => {
    const read = readWorktreeFile(target.root, f.path, 0);
    const size = read.kind === "file" ? `${read.size} bytes` : read.kind;
    switch (f.status) {
      case "untracked":
        return { kind: "untracked", text: `${f.path}: untracked (${size}), deleted` };
      case "added":
        return { kind: "uncommitted", text: `${f.path}: new file (${size}), deleted` };
      case "deleted":
        return { kind: "file", text: `${f.path}: deleted here; HEAD's version comes back (nothing lost)` };
      case "renamed":
        return { kind: "uncommitted", text: `${f.path}: renamed from ${f.old_path} (${size}); the rename and its edits are lost` };
      default:
        return { kind: "uncommitted", text: `${f.path}: ${f.status}${f.binary ? ", binary" : ""} (${size} now); uncommitted edits are lost` };
    }
  });
}

const argvOf = (target: string, print: string, paths: string[]) => ["hs", "vcs", "revert", target, "--fingerprint", print, "--", ...paths];

export interface RevertAsk {
  request_id: string;
  preview: { title: string; entries: PreviewEntry[]; truncated: boolean };
}

export function requestRevertOp(ws: Workspace, actor: Actor, input: { target: string; paths: string[]; reason?: string }): RevertAsk {
  authorize(ws, actor, `vcs revert ${input.target} -- ${input.paths.join(" ")}`, { who: "operator" });
  const paths = checkPaths(input.paths, "revert");
  const target = resolveTarget(ws, input.target);
  const { files, restore, remove } = plan(target, paths);
  const touched = [...restore, ...remove];
  const entries = previewEntries(target, files);
  const preview = { title: `hs vcs revert ${target.name}: what could be lost`, entries: entries.slice(0, 200), truncated: entries.length > 200 };
  const session = target.session;
  const request = fileRequest(ws, actor, {
    sessionId: session?.id ?? MAIN_REQUEST_SESSION,
    workspaceId: ws.config.workspace_id,
    wp: session?.wp ?? null,
    mt: session?.mt ?? null,
    tool: "git",
    argv: argvOf(target.name, fingerprint(target.root, touched), paths),
    cwd: target.root,
    rule: REVERT_RULE,
    reason: input.reason ?? `discard uncommitted changes in ${paths.length} path(s) of ${target.name}`,
    hint: "hs approve {request}   # performs the revert",
    grantable: false,
    preview: [preview],
    timeoutSeconds: ws.config.approvals.timeout_seconds,
    waiterPid: null,
  });
  return { request_id: request.id, preview };
}

function parseArgv(argv: readonly string[]): { target: string; print: string; paths: string[] } {
  const dash = argv.indexOf("--");
  if (argv[2] !== "revert" || argv[4] !== "--fingerprint" || dash !== 6) throw new HsError("HS-INTERNAL", `not a revert request: ${argv.join(" ")}`);
  return { target: argv[3]!, print: argv[5]!, paths: argv.slice(7) };
}

/** No write may go through a symlinked folder or leave the worktree. */
function assertSafe(root: string, file: string): void {
  const parent = path.dirname(file);
  const realRoot = realResolve(root);
  if (realResolve(path.join(realRoot, parent)) !== path.join(realRoot, parent)) {
    throw new HsError("HS-VCS-UNSAFE-PATH", `'${file}' lies behind a symlink or outside the worktree; nothing was discarded`, { hint: `hs vcs status ${root}` });
  }
}

export interface RevertDone {
  target: string;
  restored: string[];
  deleted: string[];
  event_id: number;
}

/** Runs when the operator approves a `hs.vcs.revert` request (called by the approval operation). */
export function performRevert(ws: Workspace, actor: Actor, request: ApprovalRequest): RevertDone {
  const { target: name, print, paths } = parseArgv(request.argv);
  const target = resolveTarget(ws, name);
  const ids = { session_id: target.session?.id ?? null, wp_id: request.wp, mt_id: request.mt };
  const refuse = (error: HsError) => {
    ws.record({ type: "vcs.revert_refused", actor: frActor(actor), ...ids, payload: { target: name, paths, request_id: request.id, code: error.code, reason: error.message } });
    return error;
  };
  let steps: Plan;
  try {
    steps = plan(target, paths);
    if (fingerprint(target.root, [...steps.restore, ...steps.remove]) !== print) {
      throw new HsError("HS-VCS-CHANGED", `the files changed after request ${request.id} was filed; nothing was discarded`, {
        hint: `hs vcs revert ${name} -- ${paths.join(" ")}   # files a new request with a fresh preview`,
      });
    }
    for (const file of [...steps.restore, ...steps.remove]) assertSafe(target.root, file);
    for (const file of steps.remove) {
      const stat = fs.lstatSync(path.join(target.root, file), { throwIfNoEntry: false });
      if (stat?.isDirectory()) throw new HsError("HS-VCS-UNSAFE-PATH", `'${file}' is a folder (a nested repository?); hs deletes files only`, { hint: `hs vcs status ${name}` });
    }
  } catch (error) {
    throw error instanceof HsError ? refuse(error) : error;
  }
  consume(ws, OPERATOR, { request, status: "approved", argv: request.argv });
  if (steps.restore.length) {
    withTempIndex((env) => {
      const git = target.git(env);
      git.ok(["read-tree", headOf(git)!]);
      git.ok(["checkout-index", "-f", "--", ...steps.restore]);
    });
  }
  for (const file of steps.remove) fs.rmSync(path.join(target.root, file), { force: true });
  const payload = { target: name, request_id: request.id, restored: steps.restore, deleted: steps.remove };
  const event = ws.record({ type: "vcs.reverted", actor: frActor(actor), ...ids, payload });
  return { target: name, restored: steps.restore, deleted: steps.remove, event_id: event.seq };
}
