// Checkpoint refs live in the shared repository under refs/hs-checkpoints/<session>/<n>, outside every
// branch namespace, written by the host only (hooks off: these are hs's own bookkeeping).
import fs from "node:fs";
import path from "node:path";
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv, runGitSync, gitFailure } from "../git/index.ts";
import { parseCheckpointMessage, type CheckpointMeta } from "./meta.ts";

export const CHECKPOINT_NAMESPACE = "refs/hs-checkpoints";

function git(store: string, args: string[], input?: string) {
  const request = { args: [...NEUTRAL_CONFIG_ARGS, `--git-dir=${store}`, ...args], cwd: store, env: neutralGitEnv(), input };
  return { request, result: runGitSync(request) };
}

export function listCheckpoints(store: string, sessionId: string): CheckpointMeta[] {
  const { request, result } = git(store, ["for-each-ref", "--format=%(objectname)%00%(contents:body)%00%00", `${CHECKPOINT_NAMESPACE}/${sessionId}/`]);
  if (result.code !== 0) throw gitFailure(request, result);
  const out: CheckpointMeta[] = [];
  for (const record of result.stdout.split("\0\0")) {
    const [commit, body] = record.replace(/^\n/, "").split("\0");
    if (!commit || body === undefined) continue;
    const meta = parseCheckpointMessage(commit, body);
    if (meta && meta.session_id === sessionId) out.push(meta);
  }
  return out.sort((a, b) => a.n - b.n);
}

export function lastCheckpoint(store: string, sessionId: string): CheckpointMeta | undefined {
  return listCheckpoints(store, sessionId).at(-1);
}

/**
 * Creates the next numbered ref, create-only: the loose ref file is linked into place, which fails when
 * it exists, so racing writers take different numbers. The store is hs's own, so no hook is involved and
 * a git process per checkpoint is saved.
 */
export function createCheckpointRef(store: string, sessionId: string, after: number, commitFor: (n: number) => string): { n: number; commit: string } {
  const dir = path.join(store, CHECKPOINT_NAMESPACE, sessionId);
  fs.mkdirSync(dir, { recursive: true });
  let n = after + 1;
  for (let attempt = 1; ; attempt++, n++) {
    const commit = commitFor(n);
    const temp = path.join(dir, `.tmp-${process.pid}-${n}`);
    fs.writeFileSync(temp, `${commit}\n`);
    try {
      fs.linkSync(temp, path.join(dir, String(n)));
      return { n, commit };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 50) throw error;
      // Someone else took n (another process checkpointing the same session): continue after the newest.
      n = Math.max(n, lastCheckpoint(store, sessionId)?.n ?? n);
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
}

export function deleteCheckpointRef(store: string, sessionId: string, meta: CheckpointMeta): void {
  const { request, result } = git(store, ["update-ref", "-d", `${CHECKPOINT_NAMESPACE}/${sessionId}/${meta.n}`, meta.commit]);
  if (result.code !== 0) throw gitFailure(request, result);
}

/** Ids among `oids` that the shared store does not have. */
export function missingObjects(store: string, oids: string[]): string[] {
  if (!oids.length) return [];
  const { result } = git(store, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], [...new Set(oids)].join("\n") + "\n");
  return result.stdout
    .split("\n")
    .filter((line) => line.endsWith(" missing"))
    .map((line) => line.slice(0, line.indexOf(" ")));
}
