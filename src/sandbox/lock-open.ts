// Turns a lock session's scope into the exact paths the sandbox makes writable in the shared worktree.
// Refuses (nothing runs) when the scope is narrower than a folder or passes through a symlink: a bind
// mount follows symlinks, so `src -> ../elsewhere` would open a folder outside the scope.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { planLockScope } from "./lock-scope.ts";

export function unenforceable(sessionId: string, glob: string, reason: string, onDisk?: string): HsError {
  const folder = glob.includes("/") ? `${glob.slice(0, glob.indexOf("/"))}/**` : "src/**";
  const create = `hs session create --id ${sessionId} --scope '${glob.replace(/'/g, "'\\''")}'`;
  return new HsError("HS-LOCK-SCOPE-UNENFORCEABLE", `lock scope '${glob}' of session '${sessionId}' cannot be enforced: ${reason}`, {
    hint: onDisk
      ? `ls -ld '${onDisk.replace(/'/g, "'\\''")}'   (make it a plain folder, or cancel: hs session cancel ${sessionId})`
      : `${create}   (worktree isolation enforces any glob; or lock a whole folder: --isolation lock --scope '${folder}')`,
    details: { glob, reason },
  });
}

/** Pure check at creation: throws when the sandbox could not confine the scope exactly. */
export function assertLockScopeEnforceable(sessionId: string, scope: readonly string[]): void {
  const plan = planLockScope(scope);
  if (!plan.ok) throw unenforceable(sessionId, plan.glob, plan.reason);
}

/** Absolute paths to bind writable; a missing `dir/**` folder is created, a missing named path stays closed. */
export function lockWritablePaths(sessionId: string, worktree: string, scope: readonly string[]): string[] {
  const plan = planLockScope(scope);
  if (!plan.ok) throw unenforceable(sessionId, plan.glob, plan.reason);
  const out: string[] = [];
  for (const opening of plan.openings) {
    const target = path.join(worktree, opening.path);
    if (openPath(sessionId, worktree, opening.glob, opening.path, opening.kind === "folder")) out.push(target);
  }
  return out;
}

/** Walks the path without following symlinks; true when it ends at something the sandbox may bind. */
function openPath(sessionId: string, worktree: string, glob: string, relative: string, createFolder: boolean): boolean {
  const segments = relative.split("/");
  let current = worktree;
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment);
    const last = index === segments.length - 1;
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!stat) {
      if (!createFolder) return false;
      fs.mkdirSync(current);
      continue;
    }
    if (stat.isSymbolicLink()) throw unenforceable(sessionId, glob, `'${path.relative(worktree, current)}' is a symlink; a bind mount would follow it`, path.relative(worktree, current));
    if (stat.isDirectory()) continue;
    if (last && stat.isFile() && !createFolder) {
      // A second name for the same file elsewhere would be written through this one.
      if (stat.nlink > 1) throw unenforceable(sessionId, glob, `'${relative}' has ${stat.nlink} hard links`, relative);
      return true;
    }
    throw unenforceable(sessionId, glob, `'${path.relative(worktree, current)}' is not a folder${last ? " or a regular file" : ""}`, path.relative(worktree, current));
  }
  return true;
}
