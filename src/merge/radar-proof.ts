// The radar reads a session's head only after its objects were imported by content and the head's tree proven
// complete. The proof's diff-tree is also the radar's change list for that head, and the blob check is one
// cat-file for all sessions, so proving costs no more git processes than the plain diffs it replaces.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { headTreeDiff, importSessionObjects, missingObjects, unverifiedHeadError } from "../git/object-import.ts";
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

/** session id -> the head's changed paths against its base, or why its history cannot be used. */
export async function proveImported(ws: Workspace, imported: readonly HeadToProve[], width: number, proofs: Map<string, Proof>): Promise<void> {
  const diffs = await pool(imported.map(({ base, head }) => () => headTreeDiff(ws.loc.commonDir, base, head)), width);
  const absent = missingObjects(ws.loc.commonDir, diffs.flatMap((diff) => (diff.error ? [] : diff.blobs)));
  imported.forEach(({ session, head }, index) => {
    const diff = diffs[index]!;
    const missing = diff.error ? null : (diff.blobs.find((oid) => absent.has(oid)) ?? null);
    proofs.set(session.id, diff.error || missing ? { ok: false, error: firstLine(unverifiedHeadError(session.id, head, { missing, error: diff.error })) } : { ok: true, paths: diff.paths });
  });
}
