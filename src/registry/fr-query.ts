// Reading the log: filtered iteration in seq order, and JSON Lines export.
import fs from "node:fs";
import type { Db } from "./sqlite.ts";
import { EVENT_COLUMNS, eventJson, type EventRow } from "./fr-hash.ts";
import { rowToEvent } from "./fr-append.ts";
import type { FrEvent, FrQuery, JsonlSink } from "./fr-types.ts";

/** How many events match (the filter's paging fields aside), counted by SQLite without reading payloads. */
export function countEvents(db: Db, filter: FrQuery = {}): number {
  const { clause, params } = whereClause(filter);
  return (db.prepare(`SELECT count(*) AS n FROM events ${clause}`).get(...params) as { n: number }).n;
}

function whereClause(filter: FrQuery): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.session_id !== undefined) (where.push("session_id = ?"), params.push(filter.session_id));
  if (filter.wp_id !== undefined) (where.push("wp_id = ?"), params.push(filter.wp_id));
  if (filter.mt_id !== undefined) (where.push("mt_id = ?"), params.push(filter.mt_id));
  if (filter.type !== undefined) (where.push(filter.type.includes("*") ? "type GLOB ?" : "type = ?"), params.push(filter.type));
  if (filter.since !== undefined) (where.push("timestamp >= ?"), params.push(filter.since));
  if (filter.actor !== undefined) (where.push("actor = ?"), params.push(filter.actor));
  if (filter.after_seq !== undefined) (where.push("seq > ?"), params.push(filter.after_seq));
  return { clause: where.length ? `WHERE ${where.join(" AND ")}` : "", params };
}

export function iterateEvents(db: Db, filter: FrQuery = {}): IterableIterator<FrEvent> {
  const { clause, params } = whereClause(filter);
  let sql = `SELECT ${EVENT_COLUMNS} FROM events ${clause} ORDER BY seq`;
  if (filter.last !== undefined) {
    sql = `SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM events ${clause} ORDER BY seq DESC LIMIT ?) ORDER BY seq`;
    params.push(filter.last);
  } else if (filter.limit !== undefined) {
    sql += " LIMIT ?";
    params.push(filter.limit);
  }
  const rows = db.prepare(sql).raw(true).iterate(...params) as IterableIterator<EventRow>;
  return mapIterator(rows, rowToEvent);
}

function* mapIterator<A, B>(items: IterableIterator<A>, fn: (item: A) => B): IterableIterator<B> {
  for (const item of items) yield fn(item);
}

const CHUNK_CHARS = 1 << 20;

export function exportJsonl(db: Db, out: string | JsonlSink): number {
  const fd = typeof out === "string" ? fs.openSync(out, "w") : undefined;
  const write = (chunk: string) => (fd === undefined ? (out as JsonlSink).write(chunk) : fs.writeSync(fd, chunk));
  let count = 0;
  let buffer = "";
  try {
    for (const row of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`).raw(true).iterate() as IterableIterator<EventRow>) {
      buffer += eventJson(row) + "\n";
      count += 1;
      if (buffer.length >= CHUNK_CHARS) (write(buffer), (buffer = ""));
    }
    if (buffer) write(buffer);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return count;
}
