// Applies numbered SQL files from migrations/ (NNNN_name.up.sql) in order, each once, inside one transaction,
// and reports what it applied so the caller can log each to the Flight Recorder.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { Db } from "./sqlite.ts";
import { immediate } from "./sqlite.ts";
import { packagePath } from "../package-root.ts";

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = packagePath("migrations"), prefix = ""): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_.+\.up\.sql$/.test(file) && file.includes(prefix))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), "utf8");
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.up\.sql$/, ""),
        file,
        sql,
        checksum: crypto.createHash("sha256").update(sql).digest("hex"),
      };
    });
}

export function applyMigrations(db: Db, migrations: Migration[]): Migration[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  return immediate(db, () => {
    const applied = new Set(
      (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((row) => row.version),
    );
    const fresh = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of fresh) {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)").run(
        migration.version,
        migration.name,
        migration.checksum,
        new Date().toISOString(),
      );
    }
    return fresh;
  });
}

/** A plain read first: the common case (nothing to apply) then takes no write lock, which matters with many writers. */
export function allApplied(db: Db, migrations: Migration[]): boolean {
  try {
    const versions = new Set(db.prepare("SELECT version FROM schema_migrations").pluck(true).all() as number[]);
    return migrations.every((migration) => versions.has(migration.version));
  } catch {
    return false; // no schema_migrations table yet
  }
}
