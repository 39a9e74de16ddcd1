// Pure: folds Flight Recorder events into what devcc.db indexed — session states and closes, held locks,
// approval requests with their decisions, and grants with their uses and revocations.
import type { FrEvent } from "../registry/flight-recorder.ts";
import type { SessionState } from "../registry/sessions.ts";

export interface RequestFacts {
  request_id: string;
  session_id: string;
  workspace_id: string;
  wp_id: string | null;
  mt_id: string | null;
  tool: "git" | "rm";
  argv: string[];
  cwd: string;
  rule: string;
  reason: string;
  grantable: boolean;
  preview: Array<{ title: string; entries: never[]; truncated: boolean }>;
  status: "pending" | "approved" | "denied" | "expired" | "withdrawn";
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_scope: "once" | "job" | "workspace" | null;
  decision_reason: string | null;
  grant_id: string | null;
}

export interface GrantFacts {
  grant_id: string;
  scope: "job" | "workspace";
  session_id: string | null;
  workspace_id: string;
  rule: string;
  request_id: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  uses: number;
  last_used_at: string | null;
}

export interface FrFacts {
  created: Map<string, Record<string, unknown>>;
  state: Map<string, { to: SessionState; reason: string }>;
  closed: Map<string, string>;
  locks: Map<string, Map<string, string>>; // session -> lock_id -> glob
  requests: Map<string, RequestFacts>;
  grants: Map<string, GrantFacts>;
}

type Payload = Record<string, any>;

export function emptyFacts(): FrFacts {
  return { created: new Map(), state: new Map(), closed: new Map(), locks: new Map(), requests: new Map(), grants: new Map() };
}

export function foldEvent(facts: FrFacts, event: FrEvent): void {
  const id = event.session_id ?? null;
  const payload = (event.payload ?? {}) as Payload;
  const handler = HANDLERS[event.type];
  if (handler) handler(facts, { id, payload, event });
}

type Handler = (facts: FrFacts, input: { id: string | null; payload: Payload; event: FrEvent }) => void;

const HANDLERS: Partial<Record<string, Handler>> = {
  "session.created": (facts, { id, payload }) => void (id && facts.created.set(id, payload)),
  "session.state_change": (facts, { id, payload }) => void (id && facts.state.set(id, { to: payload.to_state, reason: payload.reason })),
  "session.closed": (facts, { id, event }) => void (id && facts.closed.set(id, event.timestamp)),
  "lock.acquired": (facts, { id, payload }) => {
    if (!id) return;
    const locks = facts.locks.get(id) ?? new Map<string, string>();
    (payload.lock_ids as string[]).forEach((lockId, i) => locks.set(lockId, (payload.globs as string[])[i] ?? ""));
    facts.locks.set(id, locks);
  },
  "lock.released": (facts, { id, payload }) => {
    for (const lockId of (payload.lock_ids as string[]) ?? []) facts.locks.get(id ?? "")?.delete(lockId);
  },
  "approval.requested": (facts, { id, payload, event }) => {
    if (!id || typeof payload.request_id !== "string") return;
    const argv = Array.isArray(payload.argv) ? (payload.argv as string[]) : [];
    facts.requests.set(payload.request_id, {
      request_id: payload.request_id, session_id: id, workspace_id: event.workspace_id ?? "", wp_id: event.wp_id ?? null, mt_id: event.mt_id ?? null,
      tool: payload.tool === "rm" || argv[0] === "rm" ? "rm" : "git", argv, cwd: String(payload.cwd ?? ""), rule: String(payload.rule ?? ""),
      reason: String(payload.reason ?? ""), grantable: payload.grantable === true,
      preview: ((payload.preview_titles as string[] | undefined) ?? []).map((title) => ({ title, entries: [], truncated: true })),
      status: "pending", created_at: event.timestamp, expires_at: String(payload.expires_at ?? event.timestamp),
      decided_at: null, decided_by: null, decision_scope: null, decision_reason: null, grant_id: null,
    });
  },
  "approval.decided": (facts, { payload, event }) => {
    const request = facts.requests.get(payload.request_id);
    if (!request) return;
    Object.assign(request, {
      status: payload.decision === "approved" ? "approved" : "denied", decided_at: event.timestamp, decided_by: payload.decided_by ?? null,
      decision_scope: payload.scope ?? null, decision_reason: payload.reason ?? null, grant_id: payload.grant_id ?? null,
    });
    if (payload.grant_id && (payload.scope === "job" || payload.scope === "workspace")) {
      facts.grants.set(payload.grant_id, {
        grant_id: payload.grant_id, scope: payload.scope, session_id: payload.scope === "job" ? request.session_id : null, workspace_id: request.workspace_id,
        rule: request.rule, request_id: request.request_id, created_at: event.timestamp, created_by: payload.decided_by ?? "operator",
        expires_at: payload.grant_expires_at ?? null, revoked_at: null, revoked_by: null, revoke_reason: null, uses: 0, last_used_at: null,
      });
    }
  },
  "approval.expired": (facts, { payload, event }) => {
    const request = facts.requests.get(payload.request_id);
    if (!request || request.status !== "pending") return;
    Object.assign(request, { status: payload.status === "withdrawn" ? "withdrawn" : "expired", decided_at: event.timestamp, decided_by: "system", decision_reason: payload.reason ?? null });
  },
  "grant.used": (facts, { payload, event }) => {
    const grant = facts.grants.get(payload.grant_id);
    if (grant) Object.assign(grant, { uses: typeof payload.uses === "number" ? payload.uses : grant.uses + 1, last_used_at: event.timestamp });
  },
  "grant.revoked": (facts, { payload, event }) => {
    const grant = facts.grants.get(payload.grant_id);
    if (grant) Object.assign(grant, { revoked_at: event.timestamp, revoked_by: payload.revoked_by ?? null, revoke_reason: payload.reason ?? null });
  },
};
