// The radar reads a session's head only after its objects were imported by content and the head's tree proven
// complete. The proof's diff-tree is also the radar's change list for that head, and the blob check is one
// cat-file for all sessions. Every diff the radar needs (each unproven head against its base, each base against its
// target) goes through one `diff-tree --stdin`, so a cold run costs a handful of git processes, not one per session.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { headTreeDiff, importSessionObjects, missingObjects, unverifiedHeadError, type HeadTreeDiff } from "../git/object-import.ts";
import { treeDiffBatch, type TreePair } from "../git/tree-diffs.ts";
import { pool } from "./pool.ts";

export interface HeadToProve {
  session: Pick<SessionRecord, "id" | "isolation">;
  base: string;
  head: string;
}

export type Proof = { ok: true; paths: string[] } | { ok: false; error: string };

const firstLine = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0]! : String(error));

/**
 * Imports each session's store by content (synchronous: index-pack when something is new). Returns the heads whose
 * import worked; a failure is recorded in `proofs`.
 */
export function importStores(ws: Workspace, heads: readonly HeadToProve[], proofs: Map<string, Proof>): HeadToProve[] {
  return heads.filter(({ session }) => {
    try {
      if (session.isolation === "worktree") importSessionObjects(ws.loc.commonDir, session.id);
      return true;
    } catch (error) {
      proofs.set(session.id, { ok: false, error: firstLine(error) });
      return false;
    }
  });
}

/** One batch for all pairs; when git does not answer it cleanly, one diff-tree per pair (each names its own error). */
export async function diffPairs(commonDir: string, pairs: readonly TreePair[], width: number): Promise<HeadTreeDiff[]> {
  return (await treeDiffBatch(commonDir, pairs)) ?? pool(pairs.map(({ base, head }) => () => headTreeDiff(commonDir, base, head)), width);
}

/**
 * Proves the imported heads (session id -> changed paths against the base, or why its history cannot be used) and
 * diffs `others` in the same batch: returns their paths, null where the diff failed (never cached as "no change").
 */
export async function proveImported(
  ws: Workspace,
  imported: readonly HeadToProve[],
  others: readonly TreePair[],
  width: number,
  proofs: Map<string, Proof>,
): Promise<Array<string[] | null>> {
  const diffs = await diffPairs(ws.loc.commonDir, [...imported, ...others].map(({ base, head }) => ({ base, head })), width);
  const heads = diffs.slice(0, imported.length);
  const absent = missingObjects(ws.loc.commonDir, heads.flatMap((diff) => (diff.error ? [] : diff.blobs)));
  imported.forEach(({ session, head }, index) => {
    const diff = heads[index]!;
    const missing = diff.error ? null : (diff.blobs.find((oid) => absent.has(oid)) ?? null);
    proofs.set(session.id, diff.error || missing ? { ok: false, error: firstLine(unverifiedHeadError(session.id, head, { missing, error: diff.error })) } : { ok: true, paths: diff.paths });
  });
  return diffs.slice(imported.length).map((diff) => (diff.error ? null : diff.paths));
}
