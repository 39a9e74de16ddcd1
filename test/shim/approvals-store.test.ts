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
import { findRetryTarget, consumeDecision } from "../../src/shim/approvals/requests.ts";
import { addWaiter, liveWaiters, pruneDeadWaiters, removeWaiter } from "../../src/shim/approvals/waiters.ts";
import type { CommandShape } from "../../src/shim/approvals/types.ts";
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

const shape = (extra: Partial<CommandShape> = {}): CommandShape => ({ tool: "git", sub: "reset", rules: ["git.reset.hard"], globals: [], flags: ["--hard"], paths: [""], ...extra });
const COVER = shape();

describe("retries and waiters", () => {
  it("a retry finds the pending request, an unused approval or an untold denial; nothing after that", () => {
    const key = { sessionId: "s1", argv: ["git", "reset", "--hard"], cwd: "/x" };
    expect(findRetryTarget(db, key)).toBeUndefined();
    const first = request({ waiterPid: null });
    expect(first.unwaitedSince).toBe(first.createdAt);
    expect(findRetryTarget(db, key)?.id).toBe(first.id);
    expect(findRetryTarget(db, { ...key, cwd: "/y" })).toBeUndefined();
    expect(findRetryTarget(db, { ...key, sessionId: "s2" })).toBeUndefined();
    expect(findRetryTarget(db, { ...key, argv: ["git", "reset", "--hard", "HEAD"] })).toBeUndefined();
    decideRequest(db, first.id, { status: "approved", by: "op", scope: "once", reason: null, grantId: null });
    expect(findRetryTarget(db, key)?.status).toBe("approved");
    expect(consumeDecision(db, first.id, "approved")).toBe(true);
    expect(findRetryTarget(db, key)).toBeUndefined();
    const second = request();
    decideRequest(db, second.id, { status: "denied", by: "op", scope: null, reason: "no", grantId: null });
    expect(findRetryTarget(db, key)?.id).toBe(second.id);
    expect(consumeDecision(db, second.id, "approved")).toBe(false);
    expect(consumeDecision(db, second.id, "denied")).toBe(true);
    expect(findRetryTarget(db, key)).toBeUndefined();
    request({ timeoutSeconds: 1, now: new Date(Date.now() - 5000) });
    expect(findRetryTarget(db, key)).toBeUndefined();
  });

  it("waiters: live processes only; the last one leaving stamps 'nobody waiting since'", () => {
    const { id } = request();
    const me = addWaiter(db, id, process.pid, "shim");
    const ghost = addWaiter(db, id, 2 ** 22 + 12345, "host");
    expect(getRequest(db, id)?.unwaitedSince).toBeNull();
    expect(liveWaiters(db).get(id)).toBe(1);
    expect(pruneDeadWaiters(db)).toEqual([]);
    removeWaiter(db, me);
    removeWaiter(db, ghost);
    expect(liveWaiters(db).get(id)).toBeUndefined();
    expect(getRequest(db, id)?.unwaitedSince).not.toBeNull();
    addWaiter(db, id, 2 ** 22 + 12346, "shim");
    expect(pruneDeadWaiters(db)).toEqual([id]);
  });
});

describe("grants", () => {
  it("job grants cover their session only; workspace grants every session", () => {
    const { id } = request();
    const job = insertGrant(db, { scope: "job", sessionId: "s1", workspaceId: "w", rule: "git.reset.hard", requestId: id, by: "op", ttlSeconds: null, cover: COVER });
    expect(findGrant(db, "git.reset.hard", COVER, "s1")?.id).toBe(job.id);
    expect(findGrant(db, "git.reset.hard", COVER, "s2")).toBeUndefined();
    expect(findGrant(db, "git.clean.force", COVER, "s1")).toBeUndefined();
    expect(findGrant(db, "git.reset.hard", shape({ flags: ["--hard", "-q"] }), "s1")).toBeUndefined();
    const ws = insertGrant(db, { scope: "workspace", sessionId: "s1", workspaceId: "w", rule: "git.reset.hard", requestId: id, by: "op", ttlSeconds: 60, cover: COVER });
    expect(ws.sessionId).toBeNull();
    expect(ws.cover).toEqual(COVER);
    expect(findGrant(db, "git.reset.hard", COVER, "s2")?.id).toBe(ws.id);
    expect(findGrant(db, "git.reset.hard", COVER, "s1")?.id).toBe(job.id);
    const old = insertGrant(db, { scope: "workspace", sessionId: null, workspaceId: "w", rule: "git.other", requestId: id, by: "op", ttlSeconds: 60, cover: null });
    expect(findGrant(db, "git.other", shape({ rules: ["git.other"] }), "s1")).toBeUndefined();
    expect(old.cover).toBeNull();
  });

  it("stop covering once expired or revoked; uses are counted", () => {
    const { id } = request();
    const R = shape({ rules: ["r"] });
    const past = new Date(Date.now() - 10_000);
    insertGrant(db, { scope: "workspace", sessionId: null, workspaceId: "w", rule: "r", requestId: id, by: "op", ttlSeconds: 5, now: past, cover: R });
    expect(findGrant(db, "r", R, "s1")).toBeUndefined();
    const live = insertGrant(db, { scope: "workspace", sessionId: null, workspaceId: "w", rule: "r", requestId: id, by: "op", ttlSeconds: 60, cover: R });
    expect(recordGrantUse(db, live.id)).toBe(1);
    expect(recordGrantUse(db, live.id)).toBe(2);
    expect(revokeGrant(db, live.id, "op", "done")?.revokeReason).toBe("done");
    expect(revokeGrant(db, live.id, "op", "again")).toBeUndefined();
    expect(findGrant(db, "r", R, "s1")).toBeUndefined();
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
