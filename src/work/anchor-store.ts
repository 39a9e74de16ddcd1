// Objective anchors in devcc.db (objective_anchors + anchor_mt_links / anchor_links / anchor_dependencies /
// anchor_notes). Each change is applied by one function that both the operation and hs rebuild (replaying the
// anchor.* events) call, so the two cannot drift.
import type { Workspace } from "../registry/workspace.ts";

export const ANCHOR_STATUSES = ["stub", "ready", "in_progress", "blocked", "in_review", "done", "cancelled"] as const;
export const LINK_KINDS = [
  "wp",
  "mt",
  "workspace",
  "session",
  "commit",
  "artifact",
  "depends_on_anchor",
  "depends_on_wp",
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface AnchorRecord {
  anchor_id: string;
  project_id: string;
  title: string;
  status: (typeof ANCHOR_STATUSES)[number];
  description_ref: string | null;
  acceptance_criteria: string[];
  linked_wp_id: string | null;
  created_at: string;
}

export interface AnchorNote {
  note_id: string;
  anchor_id: string;
  ts: string;
  author: "human" | "agent";
  note_ref: string;
}

export interface AnchorView extends AnchorRecord {
  updated_at: string;
  linked_mt_ids: string[];
  links: Array<{ kind: string; id: string }>;
  dependencies: Array<{ kind: string; id: string }>;
  notes: AnchorNote[];
}

export function applyAnchorCreated(ws: Workspace, record: AnchorRecord): void {
  ws.db
    .prepare(
      `INSERT OR REPLACE INTO objective_anchors (anchor_id, project_id, title, status, description_ref, acceptance_criteria_json, linked_wp_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.anchor_id,
      record.project_id,
      record.title,
      record.status,
      record.description_ref,
      JSON.stringify(record.acceptance_criteria),
      record.linked_wp_id,
      record.created_at,
      record.created_at,
    );
}

export function applyAnchorLink(ws: Workspace, anchorId: string, kind: LinkKind, target: string, at: string): void {
  const db = ws.db;
  if (kind === "wp")
    db.prepare("UPDATE objective_anchors SET linked_wp_id = ? WHERE anchor_id = ?").run(target, anchorId);
  else if (kind === "mt")
    db.prepare("INSERT OR IGNORE INTO anchor_mt_links (anchor_id, mt_id) VALUES (?, ?)").run(anchorId, target);
  else if (kind === "depends_on_anchor" || kind === "depends_on_wp") {
    db.prepare("INSERT OR IGNORE INTO anchor_dependencies (anchor_id, dep_kind, dep_id) VALUES (?, ?, ?)").run(
      anchorId,
      kind === "depends_on_wp" ? "wp" : "anchor",
      target,
    );
  } else
    db.prepare("INSERT OR IGNORE INTO anchor_links (anchor_id, link_kind, link_id) VALUES (?, ?, ?)").run(
      anchorId,
      kind,
      target,
    );
  db.prepare("UPDATE objective_anchors SET updated_at = ? WHERE anchor_id = ?").run(at, anchorId);
}

export function applyAnchorNote(ws: Workspace, note: AnchorNote): void {
  ws.db
    .prepare("INSERT OR IGNORE INTO anchor_notes (note_id, anchor_id, ts, author, note_ref) VALUES (?, ?, ?, ?, ?)")
    .run(note.note_id, note.anchor_id, note.ts, note.author, note.note_ref);
  ws.db.prepare("UPDATE objective_anchors SET updated_at = ? WHERE anchor_id = ?").run(note.ts, note.anchor_id);
}

interface AnchorRow {
  anchor_id: string;
  project_id: string;
  title: string;
  status: AnchorRecord["status"];
  description_ref: string | null;
  acceptance_criteria_json: string;
  linked_wp_id: string | null;
  created_at: string;
  updated_at: string;
}

function view(ws: Workspace, row: AnchorRow): AnchorView {
  const id = row.anchor_id;
  return {
    anchor_id: id,
    project_id: row.project_id,
    title: row.title,
    status: row.status,
    description_ref: row.description_ref,
    acceptance_criteria: JSON.parse(row.acceptance_criteria_json),
    linked_wp_id: row.linked_wp_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    linked_mt_ids: ws.db
      .prepare("SELECT mt_id FROM anchor_mt_links WHERE anchor_id = ? ORDER BY mt_id")
      .pluck()
      .all(id) as string[],
    links: ws.db
      .prepare(
        "SELECT link_kind AS kind, link_id AS id FROM anchor_links WHERE anchor_id = ? ORDER BY link_kind, link_id",
      )
      .all(id) as AnchorView["links"],
    dependencies: ws.db
      .prepare(
        "SELECT dep_kind AS kind, dep_id AS id FROM anchor_dependencies WHERE anchor_id = ? ORDER BY dep_kind, dep_id",
      )
      .all(id) as AnchorView["dependencies"],
    notes: ws.db
      .prepare(
        "SELECT note_id, anchor_id, ts, author, note_ref FROM anchor_notes WHERE anchor_id = ? ORDER BY ts, note_id",
      )
      .all(id) as AnchorNote[],
  };
}

export function findAnchor(ws: Workspace, id: string): AnchorView | undefined {
  const row = ws.db.prepare("SELECT * FROM objective_anchors WHERE anchor_id = ?").get(id) as AnchorRow | undefined;
  return row ? view(ws, row) : undefined;
}

export function listAnchors(ws: Workspace, filter: { wp?: string } = {}): AnchorView[] {
  const rows = filter.wp
    ? ws.db
        .prepare("SELECT * FROM objective_anchors WHERE linked_wp_id = ? ORDER BY created_at, anchor_id")
        .all(filter.wp)
    : ws.db.prepare("SELECT * FROM objective_anchors ORDER BY created_at, anchor_id").all();
  return (rows as AnchorRow[]).map((row) => view(ws, row));
}
