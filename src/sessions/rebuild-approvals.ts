// Writes the approval requests and grants folded from the Flight Recorder back into devcc.db (inside rebuild's
// transaction). What the events do not carry: a request's hint and preview entries (titles only), and whether a
// once-approval was consumed — rebuilt approvals count as consumed, so a rebuild can never replay one.
import type { Db } from "../registry/sqlite.ts";
import type { FrFacts } from "./rebuild-facts.ts";

export function insertApprovals(db: Db, facts: FrFacts): { requests: number; grants: number } {
  const request = db.prepare(
    `INSERT INTO gate_requests (request_id, session_id, workspace_id, wp_id, mt_id, tool, argv_json, cwd, rule, reason, hint, grantable,
       preview_json, status, created_at, expires_at, decided_at, decided_by, decision_scope, decision_reason, grant_id, waiter_pid, consumed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  let requests = 0;
  for (const r of facts.requests.values()) {
    // a request still pending in the log had no waiter left once the index was gone
    const status = r.status === "pending" ? "withdrawn" : r.status;
    request.run(
      r.request_id, r.session_id, r.workspace_id, r.wp_id, r.mt_id, r.tool, JSON.stringify(r.argv), r.cwd, r.rule, r.reason, r.grantable ? 1 : 0,
      JSON.stringify(r.preview), status, r.created_at, r.expires_at, r.decided_at, r.decided_by, r.decision_scope, r.decision_reason, r.grant_id,
      status === "approved" ? r.decided_at : null,
    );
    requests += 1;
  }
  const grant = db.prepare(
    `INSERT INTO gate_grants (grant_id, scope, session_id, workspace_id, rule, request_id, created_at, created_by, expires_at, revoked_at,
       revoked_by, revoke_reason, uses, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let grants = 0;
  for (const g of facts.grants.values()) {
    grant.run(g.grant_id, g.scope, g.session_id, g.workspace_id, g.rule, g.request_id, g.created_at, g.created_by, g.expires_at, g.revoked_at, g.revoked_by, g.revoke_reason, g.uses, g.last_used_at);
    grants += 1;
  }
  return { requests, grants };
}
