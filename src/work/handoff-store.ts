// HandoffRecord rows in devcc.db (handoffs + handoff_evidence); the full record is also a content-addressed
// payload named by its handoff.written event, which is what hs rebuild reads back.
import type { Workspace } from "../registry/workspace.ts";

export type EvidenceKind = "diff" | "commit" | "artifact";

export interface HandoffRecord {
  schema: "hs.handoff@1";
  handoff_id: string;
  project_id: string;
  workspace_id: string;
  execution_session_id: string;
  anchor_id: string | null;
  wp_id: string | null;
  mt_id: string | null;
  summary_done_ref: string;
  summary_remaining_ref: string;
  decisions: string[];
  uncertainties: string[];
  blockers: string[];
  evidence_links: Array<{ kind: EvidenceKind; ref: string }>;
  created_by: string;
  created_at: string;
}

interface Row {
  handoff_id: string;
  project_id: string;
  workspace_id: string;
  execution_session_id: string;
  anchor_id: string | null;
  wp_id: string | null;
  mt_id: string | null;
  summary_done_ref: string;
  summary_remaining_ref: string;
  decisions_json: string;
  uncertainties_json: string;
  blockers_json: string;
  created_by: string;
  created_at: string;
}

export function insertHandoff(ws: Workspace, record: HandoffRecord): void {
  ws.db
    .prepare(
      `INSERT OR REPLACE INTO handoffs (handoff_id, project_id, workspace_id, execution_session_id, anchor_id, wp_id, mt_id, summary_done_ref,
         summary_remaining_ref, decisions_json, uncertainties_json, blockers_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.handoff_id,
      record.project_id,
      record.workspace_id,
      record.execution_session_id,
      record.anchor_id,
      record.wp_id,
      record.mt_id,
      record.summary_done_ref,
      record.summary_remaining_ref,
      JSON.stringify(record.decisions),
      JSON.stringify(record.uncertainties),
      JSON.stringify(record.blockers),
      record.created_by,
      record.created_at,
    );
  const evidence = ws.db.prepare("INSERT OR IGNORE INTO handoff_evidence (handoff_id, kind, ref) VALUES (?, ?, ?)");
  for (const link of record.evidence_links) evidence.run(record.handoff_id, link.kind, link.ref);
}

function fromRow(ws: Workspace, row: Row): HandoffRecord {
  const evidence = ws.db
    .prepare("SELECT kind, ref FROM handoff_evidence WHERE handoff_id = ? ORDER BY kind, ref")
    .all(row.handoff_id) as HandoffRecord["evidence_links"];
  return {
    schema: "hs.handoff@1",
    handoff_id: row.handoff_id,
    project_id: row.project_id,
    workspace_id: row.workspace_id,
    execution_session_id: row.execution_session_id,
    anchor_id: row.anchor_id,
    wp_id: row.wp_id,
    mt_id: row.mt_id,
    summary_done_ref: row.summary_done_ref,
    summary_remaining_ref: row.summary_remaining_ref,
    decisions: JSON.parse(row.decisions_json),
    uncertainties: JSON.parse(row.uncertainties_json),
    blockers: JSON.parse(row.blockers_json),
    evidence_links: evidence,
    created_by: row.created_by,
    created_at: row.created_at,
  };
}

export function listHandoffs(
  ws: Workspace,
  filter: { session?: string; wp?: string; mt?: string } = {},
): HandoffRecord[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.session) where.push("execution_session_id = ?"), params.push(filter.session);
  if (filter.wp) where.push("wp_id = ?"), params.push(filter.wp);
  if (filter.mt) where.push("mt_id = ?"), params.push(filter.mt);
  const sql = `SELECT * FROM handoffs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, handoff_id`;
  return (ws.db.prepare(sql).all(...params) as Row[]).map((row) => fromRow(ws, row));
}

export function handoffsOf(ws: Workspace, sessionId: string): HandoffRecord[] {
  return listHandoffs(ws, { session: sessionId });
}

export function findHandoff(ws: Workspace, id: string): HandoffRecord | undefined {
  const row = ws.db.prepare("SELECT * FROM handoffs WHERE handoff_id = ?").get(id) as Row | undefined;
  return row ? fromRow(ws, row) : undefined;
}
