// After every migration, each devcc.db table is used by code and listed in the README's State section with
// its owner; an index created by the older migrations upgrades cleanly.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { applyMigrations, listMigrations } from "../../src/registry/migrations.ts";
import { REPO_ROOT } from "../helpers/hs.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-schema-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function tables(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

function sourceText(): string {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) out.push(fs.readFileSync(file, "utf8"));
    }
  };
  walk(path.join(REPO_ROOT, "src"));
  return out.join("\n");
}

it("every table is used by code and listed in the README with its owner", () => {
  const db = new Database(path.join(dir, "fresh.db"));
  db.pragma("foreign_keys = ON");
  applyMigrations(db, listMigrations());
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const state = readme.slice(readme.indexOf("## State"), readme.indexOf("## Exit codes"));
  const source = sourceText();
  const names = tables(db);
  for (const spec of ["execution_sessions", "pending_approvals", "approval_tokens", "session_capability_grants"])
    expect(names).not.toContain(spec);
  for (const table of names) {
    expect(state, `README State section lists ${table}`).toMatch(new RegExp(`\`${table}\`[^\\n]*\\| \`src/`));
    expect(source.includes(table), `${table} is used by code in src/`).toBe(true);
  }
  db.close();
});

it("a devcc.db made by migrations 0001-0005 upgrades, and a handoff row no longer needs execution_sessions", () => {
  const db = new Database(path.join(dir, "old.db"));
  db.pragma("foreign_keys = ON");
  const all = listMigrations();
  applyMigrations(
    db,
    all.filter((migration) => migration.version <= 5),
  );
  expect(tables(db)).toContain("execution_sessions");
  expect(applyMigrations(db, all).map((migration) => migration.version)).toEqual(
    all.filter((m) => m.version > 5).map((m) => m.version),
  );
  db.prepare(
    "INSERT INTO projects (project_id, name, root_path, repo_kind, default_base_branch, created_at, updated_at) VALUES ('p', 'p', '.', 'git', 'main', 't', 't')",
  ).run();
  db.prepare(
    "INSERT INTO workspaces (workspace_id, project_id, kind, role, status, worktree_path, repo_root_path, branch, base_branch, created_at, updated_at) VALUES ('w', 'p', 'root', 'human', 'active', '.', '.', 'main', 'main', 't', 't')",
  ).run();
  db.prepare(
    "INSERT INTO handoffs (handoff_id, project_id, workspace_id, execution_session_id, summary_done_ref, summary_remaining_ref, created_by, created_at) VALUES ('h', 'p', 'w', 's1', 'sha256:a', 'sha256:b', 'operator', 't')",
  ).run();
  expect(db.prepare("SELECT count(*) FROM handoffs").pluck().get()).toBe(1);
  db.close();
});
