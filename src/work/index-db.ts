// devcc.db's index of the work records. The governance files are the authority: the index is reloaded from
// them whenever their listing (path, size, mtime) changed, so a git checkout or pull of .handshake/gov/ shows.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Workspace } from "../registry/workspace.ts";
import { immediate } from "../registry/sqlite.ts";
import { HsError } from "../errors.ts";
import { mtFiles, readMtFile, readWpFile, wpFiles } from "./store.ts";
import { mtScope } from "./scope.ts";
import type { WorkPacket, WorkPacketStatus } from "./wp-model.ts";
import type { MicroTask } from "./mt-model.ts";

function signature(files: string[]): string {
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    const stat = fs.statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function scopeOrEmpty(mt: MicroTask): string[] {
  try {
    return mtScope(mt);
  } catch {
    return [];
  }
}

/** Brings the index in step with the files (a no-op when nothing changed). Returns the record counts. */
export function refreshWorkIndex(ws: Workspace, options: { force?: boolean } = {}): { wps: number; mts: number } {
  const wpList = wpFiles(ws);
  const mtList = mtFiles(ws);
  const sig = signature([...wpList, ...mtList]);
  const stored = ws.db.prepare("SELECT signature FROM work_index_state WHERE id = 1").pluck().get() as
    | string
    | undefined;
  if (!options.force && stored === sig) return { wps: wpList.length, mts: mtList.length };
  const wps = wpList.map(readWpFile);
  const mts = mtList.map(readMtFile);
  const seen = new Set<string>();
  for (const mt of mts) {
    if (seen.has(mt.mt_id))
      throw new HsError("HS-WORK-RECORD-INVALID", `micro-task id ${mt.mt_id} appears under two work packets`, {
        hint: `ls .handshake/gov/micro_tasks/*/${mt.mt_id}`,
      });
    seen.add(mt.mt_id);
  }
  immediate(ws.db, () => {
    for (const table of ["mt_sessions", "wp_dependencies", "micro_tasks", "work_packets"])
      ws.db.prepare(`DELETE FROM ${table}`).run();
    const insertWp = ws.db.prepare(
      "INSERT INTO work_packets (wp_id, title, status, priority, type, version, created_at, updated_at, record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const insertDep = ws.db.prepare(
      "INSERT OR IGNORE INTO wp_dependencies (dependency_id, from_wp_id, to_wp_id, type) VALUES (?, ?, ?, ?)",
    );
    for (const wp of wps) {
      insertWp.run(
        wp.wp_id,
        wp.title,
        wp.status,
        wp.priority,
        wp.type,
        wp.version,
        wp.created_at,
        wp.updated_at,
        JSON.stringify(wp),
      );
      for (const dep of wp.dependencies) insertDep.run(dep.dependency_id, dep.from_wp_id, dep.to_wp_id, dep.type);
    }
    const insertMt = ws.db.prepare(
      "INSERT INTO micro_tasks (mt_id, wp_id, name, status, scope_json, version, created_at, updated_at, record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const insertBinding = ws.db.prepare(
      "INSERT OR IGNORE INTO mt_sessions (mt_id, session_id, active) VALUES (?, ?, ?)",
    );
    for (const mt of mts) {
      insertMt.run(
        mt.mt_id,
        mt.wp_id,
        mt.name,
        mt.status,
        JSON.stringify(scopeOrEmpty(mt)),
        mt.version,
        mt.created_at,
        mt.updated_at,
        JSON.stringify(mt),
      );
      for (const session of mt.session_ids)
        insertBinding.run(mt.mt_id, session, mt.active_session_ids.includes(session) ? 1 : 0);
    }
    ws.db
      .prepare("INSERT OR REPLACE INTO work_index_state (id, signature, refreshed_at) VALUES (1, ?, ?)")
      .run(sig, new Date().toISOString());
  });
  return { wps: wps.length, mts: mts.length };
}

export function indexedWps(ws: Workspace, filter: { status?: WorkPacketStatus } = {}): WorkPacket[] {
  refreshWorkIndex(ws);
  const rows = filter.status
    ? ws.db
        .prepare("SELECT record_json FROM work_packets WHERE status = ? ORDER BY priority, created_at, wp_id")
        .pluck()
        .all(filter.status)
    : ws.db.prepare("SELECT record_json FROM work_packets ORDER BY priority, created_at, wp_id").pluck().all();
  return (rows as string[]).map((json) => JSON.parse(json) as WorkPacket);
}

export function indexedMts(ws: Workspace, filter: { wp?: string } = {}): MicroTask[] {
  refreshWorkIndex(ws);
  const rows = filter.wp
    ? ws.db.prepare("SELECT record_json FROM micro_tasks WHERE wp_id = ? ORDER BY mt_id").pluck().all(filter.wp)
    : ws.db.prepare("SELECT record_json FROM micro_tasks ORDER BY mt_id").pluck().all();
  return (rows as string[]).map((json) => JSON.parse(json) as MicroTask);
}

export function findWp(ws: Workspace, id: string): WorkPacket | undefined {
  refreshWorkIndex(ws);
  const json = ws.db.prepare("SELECT record_json FROM work_packets WHERE wp_id = ?").pluck().get(id) as
    | string
    | undefined;
  return json ? (JSON.parse(json) as WorkPacket) : undefined;
}

export function findMt(ws: Workspace, id: string): MicroTask | undefined {
  refreshWorkIndex(ws);
  const json = ws.db.prepare("SELECT record_json FROM micro_tasks WHERE mt_id = ?").pluck().get(id) as
    | string
    | undefined;
  return json ? (JSON.parse(json) as MicroTask) : undefined;
}

export function getWp(ws: Workspace, id: string): WorkPacket {
  const wp = findWp(ws, id);
  if (!wp) throw new HsError("HS-WP-NOT-FOUND", `no work packet '${id}'`, { hint: "hs wp list" });
  return wp;
}

export function getMt(ws: Workspace, id: string): MicroTask {
  const mt = findMt(ws, id);
  if (!mt) throw new HsError("HS-MT-NOT-FOUND", `no micro-task '${id}'`, { hint: "hs mt list" });
  return mt;
}
