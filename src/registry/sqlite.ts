// Opens a SQLite file with the settings every hs database shares: WAL, a generous busy timeout, foreign keys.
import Database from "better-sqlite3";
import { HsError } from "../errors.ts";

export type Db = Database.Database;

export function openSqlite(file: string, options: { readonly?: boolean } = {}): Db {
  try {
    const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma("busy_timeout = 30000");
    if (!options.readonly) enableWal(db);
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    return db;
  } catch (error) {
    throw new HsError("HS-DB", `cannot open ${file}: ${(error as Error).message}`, { cause: error, hint: "hs doctor" });
  }
}

/**
 * Switching a fresh file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once (no busy
 * handler) when another process is switching the same new file; retry for as long as busy_timeout would.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.floor(Math.random() * 20));
    }
  }
}

/** Runs fn inside BEGIN IMMEDIATE so that concurrent writers serialise instead of failing on upgrade. */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
