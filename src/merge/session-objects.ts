// Before host-side git reads a session's history: import its objects by content, then prove the heads are complete.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { importSessionObjects, requireObjects } from "../git/object-import.ts";

/** Throws HS-OBJECTS-UNVERIFIED when a head (or anything it needs beyond `known`) is not in the shared store. */
export function verifiedHeads(ws: Workspace, session: Pick<SessionRecord, "id" | "isolation">, heads: readonly string[], known: readonly string[]): void {
  if (session.isolation === "worktree") importSessionObjects(ws.loc.commonDir, session.id);
  requireObjects(ws.loc.commonDir, heads, known, session.id);
}
