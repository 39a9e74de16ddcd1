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

/**
 * What a command is, for deciding whether a standing grant covers it: the same rule(s), the same tool and
 * subcommand, no option the approved command did not have, and only paths within the approved ones.
 */
export interface CommandShape {
  tool: "git" | "rm";
  /** git subcommand after alias expansion; "rm" for rm. */
  sub: string;
  /** Every rule that asked (a grant must cover them all, not only the one shown). */
  rules: string[];
  /** git's global options as written (`-c key=value` kept whole), before the subcommand. */
  globals: string[];
  /** Options after the subcommand by canonical name (`-fdx` = --force -d -x), values left out. */
  flags: string[];
  /** Operands that are not paths (refs, commits, remotes): a covered command has no other. */
  operands?: string[];
  /** Paths the command works on, relative to the session worktree ("" = all of it). */
  paths: string[];
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
  /** Approved: when a run used it; denied: when a run was told. Once only. */
  consumedAt: string | null;
  /** When the last waiting process went away (null while someone waits, or before anyone did). */
  unwaitedSince: string | null;
  /** null for requests that are not commands (merge-back approvals). */
  shape: CommandShape | null;
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
  /** What the grant covers beyond the rule; null = grants made before covers existed (they cover nothing). */
  cover: CommandShape | null;
}
