// Keeps the spec's projects/workspaces rows (devcc.db v1) in step with the repository, so other tools
// reading devcc.db find the project and its root workspace.
import type { Db } from "./sqlite.ts";
import type { RepoLocation } from "./locate.ts";
import type { WorkspaceConfig } from "./config.ts";
import { runGitSync } from "../git/index.ts";

export function currentBranch(cwd: string): string {
  const result = runGitSync({ args: ["symbolic-ref", "--quiet", "--short", "HEAD"], cwd });
  return result.code === 0 ? result.stdout.trim() : "HEAD";
}

export function ensureProjectRows(db: Db, loc: RepoLocation, config: WorkspaceConfig): void {
  const existing = db.prepare("SELECT 1 FROM workspaces WHERE workspace_id = ?").get(config.workspace_id);
  if (existing) return;
  const now = new Date().toISOString();
  const branch = currentBranch(loc.mainRoot);
  db.transaction(() => {
    db.prepare(
      `INSERT OR IGNORE INTO projects (project_id, name, root_path, repo_kind, default_base_branch, created_at, updated_at)
       VALUES (?, ?, '.', 'git', ?, ?, ?)`,
    ).run(config.project_id, loc.mainRoot.split("/").pop() ?? "repo", branch, now, now);
    db.prepare(
      `INSERT OR IGNORE INTO workspaces (workspace_id, project_id, kind, role, status, worktree_path, repo_root_path, branch, base_branch, created_at, updated_at)
       VALUES (?, ?, 'root', 'human', 'active', '.', '.', ?, ?, ?, ?)`,
    ).run(config.workspace_id, config.project_id, branch, branch, now, now);
  }).immediate();
}
