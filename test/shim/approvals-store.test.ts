// The approval inbox and grants on a real devcc.db (all migrations applied): compare-and-swap decisions,
// exactly-once consumption, expiry, and which grant covers which session.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite, type Db } from "../../src/registry/sqlite.ts";
import { applyMigrations, listMigrations } from "../../src/registry/migrations.ts";
import { closeRequest, consumeApproval, decideRequest, expireOverdue, getRequest, insertRequest, listRequests, type NewRequest } from "../../src/shim/approvals/requests.ts";
import { findGrant, insertGrant, listGrants, recordGrantUse, revokeGrant } from "../../src/shim/approvals/grants.ts";
import { formatAge, parseDuration } from "../../src/shim/approvals/duration.ts";

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-approvals-"));
  db = openSqlite(path.join(dir, "devcc.db"));
  applyMigrations(db, listMigrations());
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const request = (extra: Partial<NewRequest> = {}) =>
  insertRequest(db, {
    sessionId: "s1", workspaceId: "w", wp: "WP-1", mt: null, tool: "git", argv: ["git", "reset", "--hard"], cwd: "/x", rule: "git.reset.hard",
    reason: "discards", hint: "hs approve {request}", grantable: true, preview: [{ title: "t", entries: [{ kind: "uncommitted", text: "M a" }], truncated: false }],
    timeoutSeconds: 600, waiterPid: 1, ...extra,
  });

describe("requests", () => {
  it("round-trips every field", () => {
    const created = request();
    expect(created.id).toMatch(/^ap-[0-9a-f]{8}$/);
    expect(getRequest(db, created.id)).toMatchObject({ status: "pending", argv: ["git", "reset", "--hard"], wp: "WP-1", grantable: true, preview: [{ title: "t" }] });
    expect(listRequests(db).map((r) => r.id)).toEqual([created.id]);
  });

  it("is decided once: a second decision or a late timeout changes nothing", () => {
    const { id } = request();
    expect(decideRequest(db, id, { status: "approved", by: "op", scope: "once", reason: null, grantId: null })?.status).toBe("approved");
    expect(decideRequest(db, id, { status: "denied", by: "op", scope: null, reason: "no", grantId: null })).toBeUndefined();
    expect(closeRequest(db, id, "expired", "late")).toBe(false);
    expect(getRequest(db, id)?.status).toBe("approved");
    expect(listRequests(db)).toEqual([]);
    expect(listRequests(db, { all: true })).toHaveLength(1);
  });

  it("an approval is consumed exactly once, and only an approval", () => {
    const denied = request();
    decideRequest(db, denied.id, { status: "denied", by: "op", scope: null, reason: "no", grantId: null });
    expect(consumeApproval(db, denied.id)).toBe(false);
    const approved = request();
    decideRequest(db, approved.id, { status: "approved", by: "op", scope: "once", reason: null, grantId: null });
    expect(consumeApproval(db, approved.id)).toBe(true);
    expect(consumeApproval(db, approved.id)).toBe(false);
  });

  it("expires only pending requests past their deadline", () => {
    const old = request({ timeoutSeconds: 1, now: new Date(Date.now() - 5000) });
    const fresh = request();
    expect(expireOverdue(db).map((r) => r.id)).toEqual([old.id]);
    expect(getRequest(db, old.id)?.status).toBe("expired");
    expect(getRequest(db, fresh.id)?.status).toBe("pending");
  });
});

describe("grants", () => {
  it("job grants cover their session only; workspace grants every session", () => {
    const { id } = request();
    const job = insertGrant(db, { scope: "job", sessionId: "s1", workspaceId: "w", rule: "git.reset.hard", requestId: id, by: "op", ttlSeconds: null });
    expect(findGrant(db, "git.reset.hard", "s1")?.id).toBe(job.id);
    expect(findGrant(db, "git.reset.hard", "s2")).toBeUndefined();
    expect(findGrant(db, "git.clean.force", "s1")).toBeUndefined();
    const ws = insertGrant(db, { scope: "workspace", sessionId: "s1", workspaceId: "w", rule: "git.reset.hard", requestId: id, by: "op", ttlSeconds: 60 });
    expect(ws.sessionId).toBeNull();
    expect(findGrant(db, "git.reset.hard", "s2")?.id).toBe(ws.id);
    expect(findGrant(db, "git.reset.hard", "s1")?.id).toBe(job.id);
  });

  it("stop covering once expired or revoked; uses are counted", () => {
    const { id } = request();
    const past = new Date(Date.now() - 10_000);
    insertGrant(db, { scope: "workspace", sessionId: null, workspaceId: "w", rule: "r", requestId: id, by: "op", ttlSeconds: 5, now: past });
    expect(findGrant(db, "r", "s1")).toBeUndefined();
    const live = insertGrant(db, { scope: "workspace", sessionId: null, workspaceId: "w", rule: "r", requestId: id, by: "op", ttlSeconds: 60 });
    expect(recordGrantUse(db, live.id)).toBe(1);
    expect(recordGrantUse(db, live.id)).toBe(2);
    expect(revokeGrant(db, live.id, "op", "done")?.revokeReason).toBe("done");
    expect(revokeGrant(db, live.id, "op", "again")).toBeUndefined();
    expect(findGrant(db, "r", "s1")).toBeUndefined();
    expect(listGrants(db)).toEqual([]);
    expect(listGrants(db, { all: true })).toHaveLength(2);
  });
});

describe("durations", () => {
  it.each([["90", 90], ["90s", 90], ["10m", 600], ["2h", 7200], ["1d", 86_400], ["1.5h", 5400]])("%s = %d s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
  it.each([["0"], ["-5m"], ["5x"], [""], ["m"]])("%j is refused", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
  it("formats ages", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(formatAge("2026-01-01T11:59:30Z", now)).toBe("30s");
    expect(formatAge("2026-01-01T11:30:00Z", now)).toBe("30m");
    expect(formatAge("2026-01-01T06:00:00Z", now)).toBe("6h");
  });
});
