// workspace.json is "safe to delete and regenerate": its identity must come back the same, or devcc.db rows,
// linkage files and Flight Recorder events would belong to "another workspace". Sources, most specific first:
// devcc.db's root workspace row, the Flight Recorder's workspace.initialised event, the linkage files.
import fs from "node:fs";
import path from "node:path";
import type { RepoLocation } from "./locate.ts";
import { indexPath } from "./workspace-index.ts";
import { openSqlite } from "./sqlite.ts";
import { flightRecorderPath, openFlightRecorder } from "./flight-recorder.ts";
import { readLinkage } from "../sessions/linkage.ts";

export interface RecoveredIdentity {
  workspace_id: string;
  project_id: string | null;
  created_at: string | null;
  worktrees_dir: string | null;
  /** Where each value came from, for the operator. */
  sources: string[];
}

export function recoverIdentity(loc: RepoLocation): RecoveredIdentity | undefined {
  const found: Partial<RecoveredIdentity> = {};
  const sources: string[] = [];
  // The first source that names a workspace id wins; later ones only fill gaps, and only for the same id.
  const take = (source: string, values: Partial<Record<keyof RecoveredIdentity, string | null | undefined>>) => {
    if (found.workspace_id && values.workspace_id && values.workspace_id !== found.workspace_id) return;
    let used = false;
    for (const [key, value] of Object.entries(values)) {
      const field = key as "workspace_id" | "project_id" | "created_at" | "worktrees_dir";
      if (value && !found[field]) {
        found[field] = value;
        used = true;
      }
    }
    if (used) sources.push(source);
  };
  const index = indexPath(loc.handshakeDir);
  if (fs.existsSync(index)) {
    const db = openSqlite(index, { readonly: true });
    try {
      const row = db.prepare("SELECT workspace_id, project_id, created_at FROM workspaces WHERE kind = 'root' ORDER BY created_at LIMIT 1").get() as
        | { workspace_id: string; project_id: string; created_at: string }
        | undefined;
      if (row) take("devcc.db", row);
    } finally {
      db.close();
    }
  }
  if (fs.existsSync(flightRecorderPath(loc.handshakeDir))) {
    const fr = openFlightRecorder(loc.handshakeDir, { create: false });
    try {
      const [init] = fr.query({ type: "workspace.initialised", limit: 1 });
      if (init) {
        const payload = init.payload as { project_id?: string; worktrees_dir?: string };
        take("flight-recorder.db", { workspace_id: init.workspace_id ?? undefined, project_id: payload.project_id, created_at: init.timestamp, worktrees_dir: payload.worktrees_dir });
      }
    } finally {
      fr.close();
    }
  }
  const sessionsDir = path.join(loc.handshakeDir, "sessions");
  for (const id of fs.existsSync(sessionsDir) ? fs.readdirSync(sessionsDir).sort() : []) {
    const link = readLinkage(path.join(sessionsDir, id, "session.json"));
    if (link && !found.workspace_id) take(`.handshake/sessions/${id}/session.json`, { workspace_id: link.workspace_id });
  }
  if (!found.workspace_id) return undefined;
  return { workspace_id: found.workspace_id, project_id: found.project_id ?? null, created_at: found.created_at ?? null, worktrees_dir: found.worktrees_dir ?? null, sources };
}
