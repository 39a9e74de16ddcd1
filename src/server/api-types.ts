// The API's shapes as the DCC page sees them: request bodies inferred from the routes' own zod schemas and
// responses from the operations' return types. Types only: the page imports this with `import type`, so no
// server code reaches the browser bundle, and a changed schema fails the page's typecheck.
import type { z } from "zod";
import type * as verbs from "./routes/session-verbs.ts";
import type * as approvals from "./routes/approvals.ts";
import type * as work from "./routes/work.ts";
import type * as writes from "./routes/work-write.ts";
import type * as checkpoints from "./routes/checkpoints.ts";
import type { requestJson, grantJson } from "../shim/approvals/view.ts";
import type { sessionJson } from "../sessions/view.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import type { WorkPacket } from "../work/wp-model.ts";
import type { MtView, showWp, showMt } from "../work/views.ts";
import type { AnchorView } from "../work/anchor-store.ts";
import type { HandoffRecord } from "../work/handoff-store.ts";
import type { FrEvent, FrVerifyResult } from "../registry/flight-recorder.ts";
import type { LedgerRow } from "./ledger.ts";
import type { RadarReport } from "../merge/radar.ts";
import type { MergeBackSummary } from "../merge/summary.ts";
import type { CheckpointMeta } from "../checkpoints/index.ts";
import type { movePreview } from "./routes/work-write.ts";

export type CreateSessionBody = z.input<typeof verbs.Create>;
export type ReasonBody = z.input<typeof verbs.Reason>;
export type CloseBody = z.input<typeof verbs.Close>;
export type MergeBackBody = z.input<typeof verbs.MergeBack>;
export type ApproveBody = z.input<typeof approvals.Approve>;
export type ApproveSessionBody = z.input<typeof approvals.ApproveSession>;
export type DenyBody = z.input<typeof approvals.Deny>;
export type TransitionBody = z.input<typeof work.Transition>;
export type MtTransitionBody = z.input<typeof work.MtTransition>;
export type CreateWpBody = z.input<typeof writes.CreateWp>;
export type CreateMtBody = z.input<typeof writes.CreateMt>;
export type CreateAnchorBody = z.input<typeof writes.CreateAnchor>;
export type NoteBody = z.input<typeof writes.Note>;
export type CreateHandoffBody = z.input<typeof writes.CreateHandoff>;
export type RestoreBody = z.input<typeof checkpoints.Restore>;

/** sessionJson's fields, typed from the record it copies (it is declared as a plain record). */
type SessionFields = {
  [K in keyof ReturnType<typeof sessionJson>]: unknown;
};
export interface Session extends SessionFields {
  id: string;
  state: SessionRecord["state"];
  state_reason: string | null;
  isolation: SessionRecord["isolation"];
  worktree: string | null;
  branch: string | null;
  target: string | null;
  scope: string[];
  wp: string | null;
  mt: string | null;
  parent: string | null;
  spawn_depth: number;
  role: SessionRecord["role"];
  agent: string | null;
  model: string | null;
  budgets: SessionRecord["budgets"];
  commands_used: number;
  degraded: boolean;
  degraded_reason: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  pending_approvals: number;
  /** Claims to be live without a live host: POST /api/v1/sessions/recover repairs it. */
  needs_recovery?: boolean;
}
export interface SessionList {
  count: number;
  groups: Array<{ wp_id: string | null; sessions: Session[] }>;
}
export interface SessionDetail extends Session {
  locks: unknown[];
  children: Array<{ id: string; state: string }>;
}
export interface SpawnTree {
  id: string;
  state: string;
  children: SpawnTree[];
}
export type ApprovalRequestView = ReturnType<typeof requestJson>;
export type GrantView = ReturnType<typeof grantJson>;
export interface ApproveSessionResult {
  session_id: string;
  results: Array<{ id: string; ok: boolean; error?: { code: string; message: string } }>;
}
export type { WorkPacket, MtView, AnchorView, HandoffRecord, FrEvent, FrVerifyResult, LedgerRow, RadarReport };
export type { MergeBackSummary, CheckpointMeta };
export type WpDetail = ReturnType<typeof showWp>;
export type MtDetail = ReturnType<typeof showMt>;
export type MovePreview = ReturnType<typeof movePreview>;
export interface Board {
  lanes: Array<{ lane: WorkPacket["task_board_status"]; packets: WorkPacket[] }>;
}
export interface AnchorDetail extends AnchorView {
  description: string;
  notes: Array<AnchorView["notes"][number] & { text: string }>;
}
export interface OutputTail {
  session_id: string;
  text: string;
  offset: number;
  truncated: boolean;
}
export interface ApiError {
  error: { code: string; message: string; hint?: string; details?: Record<string, unknown> };
}
export type { VcsStatus } from "../vcs/status.ts";
export type { VcsDiff } from "../vcs/diff.ts";
export type { CommitResult } from "../vcs/commit.ts";
export type { RevertAsk } from "../vcs/revert.ts";
export type { SearchResult, OpenRefResult } from "../search/ops.ts";
