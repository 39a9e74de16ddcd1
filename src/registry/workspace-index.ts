// Opening devcc.db for a located workspace and binding FR recording to it. Kept free of zod so the
// shim's slow path (which validates workspace.json by hand) shares it with openWorkspace.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import type { RepoLocation } from "./locate.ts";
import type { WorkspaceConfig } from "./config.ts";
import { openSqlite, type Db } from "./sqlite.ts";
import { allApplied, applyMigrations, listMigrations } from "./migrations.ts";
import { recordEvent, type FrEventInput, type FrEvent } from "./flight-recorder.ts";
import { ensureProjectRows } from "./project-rows.ts";

export interface Workspace {
  loc: RepoLocation;
  config: WorkspaceConfig;
  db: Db;
  record(input: Omit<FrEventInput, "workspace_id">): FrEvent;
  close(): void;
}

export function indexPath(handshakeDir: string): string {
  return path.join(handshakeDir, "devcc.db");
}

/**
 * devcc.db with every migration applied (each one logged), bound to the workspace's FR identity. A missing index
 * is created only by hs init and hs rebuild: anywhere else an empty one would silently hide every session.
 */
export function bindWorkspace(loc: RepoLocation, config: WorkspaceConfig, options: { createIndex?: boolean } = {}): Workspace {
  if (!options.createIndex && !fs.existsSync(indexPath(loc.handshakeDir))) {
    throw new HsError("HS-INDEX-MISSING", `${indexPath(loc.handshakeDir)} is missing; hs will not stand an empty index in for it`, {
      hint: `hs rebuild   # restores sessions, locks, approvals and artifacts from the Flight Recorder and linkage files`,
    });
  }
  const db = openSqlite(indexPath(loc.handshakeDir));
  const migrations = listMigrations();
  // Every open used to take the write lock to find nothing to apply; a plain read answers the common case.
  for (const migration of allApplied(db, migrations) ? [] : applyMigrations(db, migrations)) {
    recordEvent(loc.handshakeDir, {
      type: "migration.applied",
      actor: "system",
      workspace_id: config.workspace_id,
      payload: { database: "devcc.db", version: migration.version, name: migration.name, checksum: migration.checksum },
    });
  }
  ensureProjectRows(db, loc, config);
  return {
    loc,
    config,
    db,
    record: (input) => recordEvent(loc.handshakeDir, { ...input, workspace_id: config.workspace_id }),
    close: () => db.close(),
  };
}
