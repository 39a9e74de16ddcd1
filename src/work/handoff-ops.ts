// hs handoff write: a session (for itself) or the operator records what was done, what remains, decisions,
// uncertainties, blockers and evidence. Large texts become content-addressed payloads.
import crypto from "node:crypto";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { getSession } from "../registry/sessions.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import { putBlob, putJsonBlob } from "./blobs.ts";
import { insertHandoff, type EvidenceKind, type HandoffRecord } from "./handoff-store.ts";
import { readInputFile } from "./input-file.ts";
import { findAnchor } from "./anchor-store.ts";
import { nowIso, recordWork } from "./record.ts";

export interface WriteHandoffInput {
  session: string;
  /** Each text comes from a file (--done F) or inline (--done-text T). */
  done: { file: string } | { text: string };
  remaining: { file: string } | { text: string };
  decisions?: string[];
  uncertainties?: string[];
  blockers?: string[];
  evidence?: string[];
  anchor?: string;
  cwd: string;
}

export function evidenceKind(ref: string): EvidenceKind {
  if (/^[0-9a-f]{7,64}$/.test(ref)) return "commit";
  if (/^(diff:|.*\.(patch|diff)$)/.test(ref)) return "diff";
  return "artifact";
}

export function writeHandoff(ws: Workspace, actor: Actor, input: WriteHandoffInput): HandoffRecord {
  authorize(ws, actor, `handoff write ${input.session}`, { who: "self", session: input.session });
  const session = getSession(ws, input.session);
  if (input.anchor && !findAnchor(ws, input.anchor))
    throw new HsError("HS-ANCHOR-NOT-FOUND", `no anchor '${input.anchor}'`, { hint: "hs anchor list" });
  const read = (source: { file: string } | { text: string }, flag: string) =>
    "text" in source
      ? source.text
      : readInputFile(source.file, { cwd: input.cwd, actor, sessionWorktree: session.worktree, flag });
  const record: HandoffRecord = {
    schema: "hs.handoff@1",
    handoff_id: crypto.randomUUID(),
    project_id: ws.config.project_id,
    workspace_id: ws.config.workspace_id,
    execution_session_id: session.id,
    anchor_id: input.anchor ?? null,
    wp_id: session.wp,
    mt_id: session.mt,
    summary_done_ref: putBlob(ws, read(input.done, "--done")),
    summary_remaining_ref: putBlob(ws, read(input.remaining, "--remaining")),
    decisions: input.decisions ?? [],
    uncertainties: input.uncertainties ?? [],
    blockers: input.blockers ?? [],
    evidence_links: (input.evidence ?? []).map((ref) => ({ kind: evidenceKind(ref), ref })),
    created_by: actorLabel(actor),
    created_at: nowIso(),
  };
  const recordRef = putJsonBlob(ws, record);
  insertHandoff(ws, record);
  recordWork(
    ws,
    actor,
    "handoff.written",
    { wp: session.wp, mt: session.mt, session: session.id },
    {
      handoff_id: record.handoff_id,
      session_id: session.id,
      record_ref: recordRef,
      summary_done_ref: record.summary_done_ref,
      summary_remaining_ref: record.summary_remaining_ref,
      anchor_id: record.anchor_id,
      decisions: record.decisions.length,
      uncertainties: record.uncertainties.length,
      blockers: record.blockers.length,
      evidence: record.evidence_links.length,
    },
  );
  return record;
}
