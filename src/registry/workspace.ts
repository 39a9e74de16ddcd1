// The workspace: located repository + validated policy + the devcc.db index, with FR recording bound to it.
import fs from "node:fs";
import path from "node:path";
import { locateWorkspace, type RepoLocation } from "./locate.ts";
import { loadConfig, defaultConfig, writeConfig, configPath, type WorkspaceConfig } from "./config.ts";
import { ensureFlightRecorder } from "./flight-recorder.ts";
import { ensureIgnoreRules } from "./ignore-rules.ts";
import { bindWorkspace, type Workspace } from "./workspace-index.ts";
import { recoverIdentity, type RecoveredIdentity } from "./workspace-recover.ts";

export { indexPath, type Workspace } from "./workspace-index.ts";

export function openWorkspace(cwd: string = process.cwd(), options: { createIndex?: boolean } = {}): Workspace {
  const loc = locateWorkspace(cwd);
  const config = loadConfig(loc.handshakeDir);
  return bindWorkspace(loc, config, options);
}

export interface InitResult {
  created: boolean;
  /** Set when workspace.json was missing and its identity came back from the existing state. */
  restored?: RecoveredIdentity;
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
  let restored: RecoveredIdentity | undefined;
  if (exists) {
    config = loadConfig(loc.handshakeDir);
    if (worktreesDir !== undefined && worktreesDir !== config.worktrees_dir) {
      config = { ...config, worktrees_dir: worktreesDir };
      writeConfig(loc.handshakeDir, config);
    }
  } else {
    const identity = recoverIdentity(loc);
    restored = identity;
    config = defaultConfig(loc.mainRoot, worktreesDir ?? identity?.worktrees_dir ?? undefined);
    if (identity) {
      config = { ...config, workspace_id: identity.workspace_id, project_id: identity.project_id ?? config.project_id, created_at: identity.created_at ?? config.created_at };
    }
    writeConfig(loc.handshakeDir, config);
  }
  ensureIgnoreRules(loc.commonDir);
  ensureFlightRecorder(loc.handshakeDir);
  // A brand-new workspace gets a new index; a restored one keeps its own (or hs rebuild recreates it).
  const workspace = bindWorkspace(loc, config, { createIndex: !exists && restored === undefined });
  if (restored) {
    workspace.record({ type: "workspace.restored", actor: "human", payload: { workspace_id: restored.workspace_id, sources: restored.sources } });
  } else if (!exists) {
    workspace.record({
      type: "workspace.initialised",
      actor: "human",
      payload: { main_root: loc.mainRoot, worktrees_dir: config.worktrees_dir, project_id: config.project_id },
    });
  }
  return { created: !exists && restored === undefined, restored, config, workspace };
}
