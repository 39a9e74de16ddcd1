// Before host-side git reads a session's history: import its objects by content, then prove the heads are complete.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import fs from "node:fs";
import { importSessionObjects, requireObjects } from "../git/object-import.ts";
import { privateStore } from "../git/object-store.ts";

/** Throws HS-OBJECTS-UNVERIFIED when a head (or anything it needs beyond `known`) is not in the shared store. */
export function verifiedHeads(ws: Workspace, session: Pick<SessionRecord, "id" | "isolation">, heads: readonly string[], known: readonly string[]): void {
  // Worktree sessions and sandboxed lock sessions with a branch of their own write to a private store.
  if (session.isolation === "worktree" || fs.existsSync(privateStore(ws.loc.commonDir, session.id))) importSessionObjects(ws.loc.commonDir, session.id);
  requireObjects(ws.loc.commonDir, heads, known, session.id);
}
