// Retention after close: keep the newest checkpoints, and never delete one that holds the only copy of
// some content (a blob no kept checkpoint and no branch reaches).
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv, runGitSync, gitFailure } from "../git/index.ts";
import { deleteCheckpointRef } from "./refs.ts";
import { flattenTree } from "./read.ts";
import type { CheckpointMeta } from "./meta.ts";

/** Pure: the checkpoints beyond the newest `keep`, oldest first; these are candidates, not yet deletable. */
export function thinningCandidates(list: readonly CheckpointMeta[], keep: number): CheckpointMeta[] {
  const sorted = [...list].sort((a, b) => a.n - b.n);
  return sorted.slice(0, Math.max(0, sorted.length - Math.max(1, keep)));
}

/** Pure: a candidate may go when every blob of its tree is reachable from what stays. */
export function soleCopies(candidateBlobs: readonly string[], reachable: ReadonlySet<string>): string[] {
  return candidateBlobs.filter((oid) => !reachable.has(oid));
}

/** Objects reachable from `tips` (kept checkpoints and the shared repository's branches, via alternates). */
function reachableObjects(store: string, tips: string[]): Set<string> {
  const request = { args: [...NEUTRAL_CONFIG_ARGS, `--git-dir=${store}`, "rev-list", "--objects", "--missing=allow-any", ...tips], cwd: store, env: neutralGitEnv() };
  const result = runGitSync(request);
  if (result.code !== 0) throw gitFailure(request, result);
  return new Set(result.stdout.split("\n").map((line) => line.slice(0, 40)).filter(Boolean));
}

export function thinCheckpoints(store: string, sessionId: string, list: readonly CheckpointMeta[], keep: number, branchTips: string[]): { deleted: number[]; kept_as_sole_copy: number[] } {
  const candidates = thinningCandidates(list, keep);
  const deleted: number[] = [];
  const sole: number[] = [];
  let staying = list.filter((meta) => !candidates.includes(meta));
  // Newest candidates first: content that later vanished is kept by the last checkpoint that had it.
  for (const meta of [...candidates].reverse()) {
    const reachable = reachableObjects(store, [...branchTips, ...staying.map((kept) => kept.commit)]);
    const blobs = flattenTree(store, meta.tree).filter((entry) => entry.mode !== "160000").map((entry) => entry.oid);
    if (soleCopies(blobs, reachable).length) {
      sole.push(meta.n);
      staying = [...staying, meta];
      continue;
    }
    deleteCheckpointRef(store, sessionId, meta);
    deleted.push(meta.n);
  }
  return { deleted: deleted.sort((a, b) => a - b), kept_as_sole_copy: sole.sort((a, b) => a - b) };
}
