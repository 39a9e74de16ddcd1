// Rows of the approval inbox (gate_requests) and standing grants (gate_grants), as the rest of hs sees them.
export const REQUEST_STATUSES = ["pending", "approved", "denied", "expired", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const APPROVAL_SCOPES = ["once", "job", "workspace"] as const;
export type ApprovalScope = (typeof APPROVAL_SCOPES)[number];
export type GrantScope = Exclude<ApprovalScope, "once">;

export interface PreviewEntry {
  /** What would be lost: "uncommitted", "untracked", "commit", "file", ... */
  kind: string;
  text: string;
}

export interface Preview {
  title: string;
  entries: PreviewEntry[];
  /** true when more entries existed than were kept. */
  truncated: boolean;
}

export interface ApprovalRequest {
  id: string;
  sessionId: string;
  workspaceId: string;
  wp: string | null;
  mt: string | null;
  tool: "git" | "rm";
  argv: string[];
  cwd: string;
  rule: string;
  reason: string;
  hint: string;
  /** false when the command also leaves the session's scope: such a request can only be approved once. */
  grantable: boolean;
  preview: Preview[];
  status: RequestStatus;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionScope: ApprovalScope | null;
  decisionReason: string | null;
  grantId: string | null;
  waiterPid: number | null;
  consumedAt: string | null;
}

export interface Grant {
  id: string;
  scope: GrantScope;
  sessionId: string | null;
  workspaceId: string;
  rule: string;
  requestId: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  uses: number;
  lastUsedAt: string | null;
}
