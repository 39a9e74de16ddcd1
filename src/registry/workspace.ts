// The workspace: located repository + validated policy + the devcc.db index, with FR recording bound to it.
import fs from "node:fs";
import path from "node:path";
import { locateWorkspace, type RepoLocation } from "./locate.ts";
import { loadConfig, defaultConfig, writeConfig, configPath, type WorkspaceConfig } from "./config.ts";
import { openSqlite, type Db } from "./sqlite.ts";
import { applyMigrations, listMigrations } from "./migrations.ts";
import { recordEvent, ensureFlightRecorder, type FrEventInput, type FrEvent } from "./flight-recorder.ts";
import { ensureIgnoreRules } from "./ignore-rules.ts";
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

function openIndex(loc: RepoLocation, config: WorkspaceConfig): Db {
  const db = openSqlite(indexPath(loc.handshakeDir));
  const applied = applyMigrations(db, listMigrations());
  for (const migration of applied) {
    recordEvent(loc.handshakeDir, {
      type: "migration.applied",
      actor: "system",
      workspace_id: config.workspace_id,
      payload: { database: "devcc.db", version: migration.version, name: migration.name, checksum: migration.checksum },
    });
  }
  ensureProjectRows(db, loc, config);
  return db;
}

function bind(loc: RepoLocation, config: WorkspaceConfig, db: Db): Workspace {
  return {
    loc,
    config,
    db,
    record: (input) => recordEvent(loc.handshakeDir, { ...input, workspace_id: config.workspace_id }),
    close: () => db.close(),
  };
}

export function openWorkspace(cwd: string = process.cwd()): Workspace {
  const loc = locateWorkspace(cwd);
  const config = loadConfig(loc.handshakeDir);
  return bind(loc, config, openIndex(loc, config));
}

export interface InitResult {
  created: boolean;
  config: WorkspaceConfig;
  workspace: Workspace;
}

/** Creates (or re-validates) .handshake/: workspace.json, devcc.db, flight-recorder.db, ignore rules. Idempotent. */
export function initWorkspace(loc: RepoLocation, options: { worktreesDir?: string; cwd?: string } = {}): InitResult {
  fs.mkdirSync(loc.handshakeDir, { recursive: true });
  const worktreesDir =
    options.worktreesDir === undefined ? undefined : path.relative(loc.mainRoot, path.resolve(options.cwd ?? process.cwd(), options.worktreesDir)) || ".";
  const exists = fs.existsSync(configPath(loc.handshakeDir));
  let config: WorkspaceConfig;
  if (exists) {
    config = loadConfig(loc.handshakeDir);
    if (worktreesDir !== undefined && worktreesDir !== config.worktrees_dir) {
      config = { ...config, worktrees_dir: worktreesDir };
      writeConfig(loc.handshakeDir, config);
    }
  } else {
    config = defaultConfig(loc.mainRoot, worktreesDir);
    writeConfig(loc.handshakeDir, config);
  }
  ensureIgnoreRules(loc.commonDir);
  ensureFlightRecorder(loc.handshakeDir);
  const workspace = bind(loc, config, openIndex(loc, config));
  if (!exists) {
    workspace.record({
      type: "workspace.initialised",
      actor: "human",
      payload: { main_root: loc.mainRoot, worktrees_dir: config.worktrees_dir, project_id: config.project_id },
    });
  }
  return { created: !exists, config, workspace };
}
