// Index rows (merge_back_artifacts) and Flight Recorder events for merge-back. One place so payloads stay consistent.
import type { Workspace } from "../registry/workspace.ts";
import type { MergeFacts } from "./collect.ts";
import type { WrittenArtifact } from "./artifact.ts";
import type { Strategy } from "./plan.ts";

export function insertArtifactRow(ws: Workspace, facts: MergeFacts, artifact: WrittenArtifact, status: "prepared" | "blocked"): void {
  ws.db
    .prepare(
      `INSERT INTO merge_back_artifacts (artifact_name, session_id, dir, status, target_ref, target_oid, base_rev, head_rev,
         patch_sha256, provenance_sha256, conflicts_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(artifact.name, facts.session.id, artifact.dir, status, facts.targetRef, facts.targetOid, facts.base, facts.head,
      artifact.patchSha256, artifact.provenanceSha256, artifact.conflictsSha256, artifact.provenance.created_at);
}

export function markApplied(ws: Workspace, name: string, strategy: Strategy, commit: string): void {
  ws.db
    .prepare("UPDATE merge_back_artifacts SET status = 'applied', strategy = ?, applied_commit = ?, applied_at = ? WHERE artifact_name = ?")
    .run(strategy, commit, new Date().toISOString(), name);
}

export function lastArtifact(ws: Workspace, sessionId: string): { artifact_name: string; target_oid: string; head_rev: string; status: string } | undefined {
  return ws.db
    .prepare("SELECT artifact_name, target_oid, head_rev, status FROM merge_back_artifacts WHERE session_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1")
    .get(sessionId) as { artifact_name: string; target_oid: string; head_rev: string; status: string } | undefined;
}

function ids(facts: MergeFacts) {
  return { session_id: facts.session.id, wp_id: facts.session.wp, mt_id: facts.session.mt };
}

export function recordPrepared(ws: Workspace, facts: MergeFacts, artifact: WrittenArtifact, status: string): void {
  ws.record({
    type: "merge_back.prepared",
    actor: "human",
    ...ids(facts),
    payload: {
      artifact: artifact.name,
      status,
      target_ref: facts.targetRef,
      target_oid: facts.targetOid,
      base: facts.base,
      head: facts.head,
      files: facts.files.length,
      patch_sha256: artifact.patchSha256,
      provenance_sha256: artifact.provenanceSha256,
    },
  });
}

export function recordBlocked(ws: Workspace, facts: MergeFacts, details: { artifact: string | null; reason: string; report_sha256: string | null; codes: string[] }): void {
  ws.record({ type: "merge_back.blocked", actor: "human", ...ids(facts), payload: { ...details, target_ref: facts.targetRef, target_oid: facts.targetOid, head: facts.head } });
}

export function recordApplied(ws: Workspace, facts: MergeFacts, details: { artifact: string; strategy: Strategy; old: string; new: string; worktree: string | null }): void {
  ws.record({ type: "merge_back.applied", actor: "human", ...ids(facts), payload: { ...details, target_ref: facts.targetRef, head: facts.head } });
}
