// Opens a SQLite file with the settings every hs database shares: WAL, a generous busy timeout, foreign keys.
import Database from "better-sqlite3";
import { HsError } from "../errors.ts";

export type Db = Database.Database;

export function openSqlite(file: string, options: { readonly?: boolean } = {}): Db {
  try {
    const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma("busy_timeout = 30000");
    if (!options.readonly) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    return db;
  } catch (error) {
    throw new HsError("HS-DB", `cannot open ${file}: ${(error as Error).message}`, { cause: error, hint: "hs doctor" });
  }
}

/** Runs fn inside BEGIN IMMEDIATE so that concurrent writers serialise instead of failing on upgrade. */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
