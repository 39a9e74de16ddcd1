// Every /api/v1 route through in-process injection on a real repository: the operation it calls, the Flight
// Recorder event it leaves and the actor recorded; and that a session actor is refused by the operations'
// own guard (access.denied recorded by the op), never by the route.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR, sessionActor } from "../../src/ops/actor.ts";
import { fileRequest } from "../../src/shim/approvals/ops.ts";
import { decideAndRecord } from "../../src/shim/decide.ts";
import { getSession } from "../../src/registry/sessions.ts";
import { addMt, createWp } from "../../src/work/ops.ts";
import { api, bodyOf, eventsAfter, serverFixture, type ServerFixture } from "./fixture.ts";

let f: ServerFixture;
beforeAll(() => {
  f = serverFixture([["s1", null], ["c1", "s1"], ["s2", null], ["s3", null]]);
}, 90_000);
afterAll(() => f?.cleanup());

const call = (method: string, url: string, body?: unknown) => f.handler()(api(method, url, body));
const head = () => f.fr.head().seq;

function fileAsk(session: string, argv: string[]) {
  return fileRequest(f.ws, OPERATOR, {
    sessionId: session, workspaceId: f.ws.config.workspace_id, wp: null, mt: null, tool: "git", argv, cwd: f.repo.root,
    rule: "git.reset.hard", reason: "discards uncommitted work", hint: "hs approve {request}", grantable: false,
    preview: [], timeoutSeconds: 600, waiterPid: null,
  });
}

describe("sessions", () => {
  it("lists sessions grouped by work packet, filtered by state and role, and shows one", async () => {
    const list = bodyOf(await call("GET", "/api/v1/sessions"));
    expect(list.count).toBe(4);
    expect(list.groups).toEqual([{ wp_id: null, sessions: expect.any(Array) }]);
    expect(list.groups[0].sessions.map((s: { id: string }) => s.id).sort()).toEqual(["c1", "s1", "s2", "s3"]);
    expect(bodyOf(await call("GET", "/api/v1/sessions?state=paused")).count).toBe(0);
    expect(bodyOf(await call("GET", "/api/v1/sessions?state=created&role=coder")).count).toBe(4);
    const one = bodyOf(await call("GET", "/api/v1/sessions/s1"));
    expect(one).toMatchObject({ id: "s1", state: "created", children: [{ id: "c1", state: "created" }], pending_approvals: 0 });
    const missing = await call("GET", "/api/v1/sessions/nope");
    expect([missing.status, bodyOf(missing).error.code]).toEqual([404, "HS-SESSION-NOT-FOUND"]);
  });

  it("pauses as the operator (event actor human), lists the checkpoint, and maps a refused resume to 409", async () => {
    const before = head();
    const paused = await call("POST", "/api/v1/sessions/s2/pause", { reason: "lunch" });
    expect([paused.status, bodyOf(paused)]).toEqual([200, { session_id: "s2", state: "paused", stopped_pids: [] }]);
    const change = eventsAfter(f.fr, before, "session.state_change").at(-1);
    expect(change).toMatchObject({ session_id: "s2", actor: "human", payload: expect.objectContaining({ to_state: "paused" }) });
    const checkpoints = bodyOf(await call("GET", "/api/v1/sessions/s2/checkpoints")).checkpoints;
    expect(checkpoints.at(-1)).toMatchObject({ trigger: "pause" });
    const resumed = await call("POST", "/api/v1/sessions/s2/resume", {});
    expect([resumed.status, bodyOf(resumed).error.code]).toEqual([409, "HS-HOST-NOT-RUNNING"]);
  });

  it("refuses a session actor through the op's guard: HS-ACCESS-DENIED recorded as access.denied", async () => {
    const before = head();
    const response = await f.handler(sessionActor("s2"))(api("POST", "/api/v1/sessions/s1/cancel", {}));
    expect([response.status, bodyOf(response).error.code]).toEqual([403, "HS-ACCESS-DENIED"]);
    const denied = eventsAfter(f.fr, before, "access.denied");
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actor: "agent", session_id: "s2", payload: expect.objectContaining({ actor: "session:s2", verb: "session cancel s1" }) });
    expect(bodyOf(await call("GET", "/api/v1/sessions/s1")).state).toBe("created");
  });

  it("creates a session as the operator (session.created, actor human), and one bound to a micro-task", async () => {
    const before = head();
    const created = await call("POST", "/api/v1/sessions", { id: "s4", scope: ["docs/**"], max_commands: 50 });
    expect([created.status, bodyOf(created)]).toEqual([200, expect.objectContaining({ id: "s4", scope: ["docs/**"], state: "created" })]);
    expect(eventsAfter(f.fr, before, "session.created")[0]).toMatchObject({ actor: "human", session_id: "s4" });
    const { wp } = createWp(f.ws, OPERATOR, { title: "Docs pass" });
    await call("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "ready" });
    const { mt } = addMt(f.ws, OPERATOR, { wp: wp.wp_id, name: "guide", modify: ["docs/guide.md"] });
    const bound = bodyOf(await call("POST", "/api/v1/sessions", { id: "s5", mt: mt.mt_id }));
    expect(bound).toMatchObject({ id: "s5", wp: wp.wp_id, mt: mt.mt_id, scope: ["docs/guide.md"] });
    const nested = await f.handler(sessionActor("s2"))(api("POST", "/api/v1/sessions", { id: "s6", scope: ["src/**"] }));
    expect([nested.status, bodyOf(nested).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    for (const id of ["s4", "s5"]) await call("POST", `/api/v1/sessions/${id}/cancel`, {});
  });

  it("shows the spawn tree", async () => {
    expect(bodyOf(await call("GET", "/api/v1/sessions/s1/tree"))).toEqual({
      id: "s1", state: "created", children: [{ id: "c1", state: "created", children: [] }],
    });
  });

  it("cancels with the cascade listed, recorded with actor human", async () => {
    const before = head();
    const response = await call("POST", "/api/v1/sessions/s1/cancel", { reason: "wrong approach" });
    expect([response.status, bodyOf(response)]).toEqual([200, { cancelled: ["c1", "s1"] }]);
    const cascade = eventsAfter(f.fr, before, "session.cascade_cancel");
    expect(cascade).toHaveLength(1);
    expect(cascade[0]).toMatchObject({ actor: "human", session_id: "s1", payload: expect.objectContaining({ cancelled_session_ids: ["c1", "s1"] }) });
  });
});

describe("closing and merge-back", () => {
  it("closes a cancelled session as the operator, and runs a merge-back dry run through the CLI's code", async () => {
    const before = head();
    const closed = await call("POST", "/api/v1/sessions/c1/close", {});
    expect([closed.status, bodyOf(closed)]).toEqual([200, expect.objectContaining({ session: "c1", discarded: false, lost: [] })]);
    expect(eventsAfter(f.fr, before, "session.closed")[0]).toMatchObject({ actor: "human", session_id: "c1" });
    const worktree = getSession(f.ws, "s2").worktree;
    fs.writeFileSync(path.join(worktree, "src", "app.ts"), "export const app = 2;\n");
    f.repo.git(["add", "src/app.ts"], { cwd: worktree });
    f.repo.git(["commit", "-q", "-m", "bump app"], { cwd: worktree });
    const beforeDry = head();
    const dry = await call("POST", "/api/v1/sessions/s2/merge-back", {});
    expect(dry.status).toBe(200);
    expect(bodyOf(dry)).toMatchObject({ session: "s2" });
    const merges = eventsAfter(f.fr, beforeDry).filter((e) => e.type.startsWith("merge_back."));
    expect(merges.map((e) => [e.type, e.session_id, e.actor])).toEqual([["merge_back.prepared", "s2", "human"]]);
    const bySession = await f.handler(sessionActor("s2"))(api("POST", "/api/v1/sessions/s2/merge-back", { apply: true }));
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
  });
});

describe("approvals", () => {
  it("lists pending requests, approves once and denies with a reason as the operator; decided ones stay listable", async () => {
    const one = fileAsk("s2", ["git", "reset", "--hard"]);
    const two = fileAsk("s2", ["git", "clean", "-fd"]);
    const pending = bodyOf(await call("GET", "/api/v1/approvals")).requests;
    expect(pending.map((r: { id: string }) => r.id).sort()).toEqual([one.id, two.id].sort());
    const before = head();
    const approved = await call("POST", `/api/v1/approvals/${one.id}/approve`, { scope: "once" });
    expect([approved.status, bodyOf(approved).request.status, bodyOf(approved).grant]).toEqual([200, "approved", null]);
    const denied = await call("POST", `/api/v1/approvals/${two.id}/deny`, { reason: "keep the files" });
    expect(bodyOf(denied).request).toMatchObject({ status: "denied", decision_reason: "keep the files" });
    const decided = eventsAfter(f.fr, before, "approval.decided");
    expect(decided.map((e) => [e.actor, e.session_id, e.payload.request_id ?? e.payload.id])).toEqual([
      ["human", "s2", one.id],
      ["human", "s2", two.id],
    ]);
    const again = await call("POST", `/api/v1/approvals/${one.id}/approve`, {});
    expect([again.status, bodyOf(again).error.code]).toEqual([409, "HS-APPROVAL-DECIDED"]);
    expect(bodyOf(await call("GET", "/api/v1/approvals")).requests).toEqual([]);
    expect(bodyOf(await call("GET", "/api/v1/approvals?status=all")).requests).toHaveLength(2);
  });

  it("refuses a job grant for a request that cannot be granted, and a session actor by HS-OPERATOR-ONLY", async () => {
    const ask = fileAsk("s2", ["git", "reset", "--hard", "HEAD~1"]);
    const job = await call("POST", `/api/v1/approvals/${ask.id}/approve`, { scope: "job", ttl_seconds: 600 });
    expect([job.status, bodyOf(job).error.code]).toEqual([400, "HS-APPROVAL-NOT-GRANTABLE"]);
    const before = head();
    const bySession = await f.handler(sessionActor("s2"))(api("POST", `/api/v1/approvals/${ask.id}/approve`, {}));
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    expect(eventsAfter(f.fr, before, "access.denied")[0]).toMatchObject({ actor: "agent", payload: expect.objectContaining({ actor: "session:s2" }) });
  });

  it("approves every pending request of one session, one approval.decided event each", async () => {
    for (const r of bodyOf(await call("GET", "/api/v1/approvals")).requests) await call("POST", `/api/v1/approvals/${r.id}/deny`, { reason: "reset" });
    const asks = [fileAsk("s2", ["git", "reset", "--hard"]), fileAsk("s2", ["git", "clean", "-fdx"])];
    const before = head();
    const all = bodyOf(await call("POST", "/api/v1/approvals/approve-session", { session: "s2" }));
    const ids = asks.map((a) => a.id).sort();
    expect(all.results.map((r: { id: string; ok: boolean }) => [r.id, r.ok]).sort()).toEqual(ids.map((id) => [id, true]));
    const decided = eventsAfter(f.fr, before, "approval.decided");
    expect(decided.map((e) => [e.actor, e.payload.request_id ?? e.payload.id]).sort()).toEqual(ids.map((id) => ["human", id]));
  });

  it("lists grants and refuses revoking an unknown one; a session actor may not revoke", async () => {
    expect(bodyOf(await call("GET", "/api/v1/grants?status=all"))).toEqual({ grants: [] });
    const missing = await call("POST", "/api/v1/grants/gr-00000000/revoke", { reason: "x" });
    expect([missing.status, bodyOf(missing).error.code]).toEqual([404, "HS-GRANT-NOT-FOUND"]);
    const bySession = await f.handler(sessionActor("s2"))(api("POST", "/api/v1/grants/gr-00000000/revoke", {}));
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
  });

  it("never answers with a secret: argv values are redacted in the response", async () => {
    const ask = fileAsk("s2", ["git", "push", "https://bob:hunter2hunter2@example.com/x.git", "--password", "hunter2"]);
    const text = (await call("GET", "/api/v1/approvals")) as { body: string };
    expect(text.body).toContain(ask.id);
    expect(text.body).not.toContain("hunter2");
  });
});

describe("work packets", () => {
  it("shows the board lanes and moves a card through the transition table as the operator", async () => {
    const { wp } = createWp(f.ws, OPERATOR, { title: "Checkout refuses empty carts" });
    const lanes = bodyOf(await call("GET", "/api/v1/work/packets")).lanes;
    expect(lanes.map((l: { lane: string }) => l.lane)).toEqual(["STUB", "READY", "IN_PROGRESS", "BLOCKED", "GATED", "DONE", "CANCELLED"]);
    expect(lanes[0].packets.map((p: { wp_id: string }) => p.wp_id)).toEqual([wp.wp_id]);
    const before = head();
    const moved = await call("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "ready", reason: "planned" });
    expect(bodyOf(moved)).toMatchObject({ wp_id: wp.wp_id, status: "ready", from_status: "stub" });
    expect(eventsAfter(f.fr, before, "work_packet_updated")[0]).toMatchObject({ actor: "human", wp_id: wp.wp_id, payload: expect.objectContaining({ by: "operator" }) });
    const forbidden = await call("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "done" });
    expect([forbidden.status, bodyOf(forbidden).error.code]).toEqual([409, "HS-STATE-TRANSITION"]);
    expect(bodyOf(await call("GET", `/api/v1/work/packets/${wp.wp_id}`))).toMatchObject({ status: "ready", micro_tasks: [] });
    const bySession = await f.handler(sessionActor("s2"))(api("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "in_progress" }));
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
  });
});

describe("micro-tasks, handoffs, anchors", () => {
  it("lists and moves micro-tasks through the same verbs as hs mt", async () => {
    const { wp } = createWp(f.ws, OPERATOR, { title: "Cart totals" });
    await call("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "ready" });
    const { mt } = addMt(f.ws, OPERATOR, { wp: wp.wp_id, name: "round totals", modify: ["src/app.ts"] });
    expect(bodyOf(await call("GET", `/api/v1/work/micro-tasks?wp=${wp.wp_id}`)).micro_tasks.map((m: { mt_id: string }) => m.mt_id)).toEqual([mt.mt_id]);
    expect(bodyOf(await call("GET", `/api/v1/work/micro-tasks/${mt.mt_id}`))).toMatchObject({ mt_id: mt.mt_id, sessions: [], handoffs: [] });
    const before = head();
    const skipped = await call("POST", `/api/v1/work/micro-tasks/${mt.mt_id}/transition`, { to: "skipped", reason: "not needed" });
    expect(bodyOf(skipped)).toMatchObject({ mt_id: mt.mt_id, status: "skipped" });
    expect(eventsAfter(f.fr, before).find((e) => e.mt_id === mt.mt_id)).toMatchObject({ actor: "human" });
    const again = await call("POST", `/api/v1/work/micro-tasks/${mt.mt_id}/transition`, { to: "in_progress" });
    expect([again.status, bodyOf(again).error.code]).toEqual([409, "HS-STATE-TRANSITION"]);
    expect(bodyOf(await call("GET", `/api/v1/work/handoffs?wp=${wp.wp_id}`))).toEqual({ handoffs: [] });
    expect(bodyOf(await call("GET", `/api/v1/work/anchors?wp=${wp.wp_id}`))).toEqual({ anchors: [] });
  });
});

describe("tool call ledger", () => {
  it("has one row per gated call through the real gate, with the approval status of an ask", async () => {
    const worktree = getSession(f.ws, "s3").worktree;
    decideAndRecord(f.ws, "s3", ["git", "status"], worktree, {});
    const ask = decideAndRecord(f.ws, "s3", ["git", "reset", "--hard"], worktree, {});
    const calls = bodyOf(await call("GET", "/api/v1/ledger?session=s3")).calls;
    expect(calls.slice(-2)).toMatchObject([
      { session_id: "s3", tool: "git", argv: ["git", "status"], decision: "allow", request_id: null, approval_status: null, exit_code: null },
      { session_id: "s3", argv: ["git", "reset", "--hard"], decision: "ask", rule: "git.reset.hard", request_id: ask.request?.id, approval_status: "pending" },
    ]);
    expect(calls[calls.length - 2].seq).toBeLessThan(calls[calls.length - 1].seq);
    const asks = bodyOf(await call("GET", "/api/v1/ledger?session=s3&decision=ask")).calls;
    expect(asks.map((c: { request_id: string }) => c.request_id)).toEqual([ask.request?.id]);
  });
});

describe("radar and schema", () => {
  it("answers the conflict radar and an OpenAPI document naming every route", async () => {
    const radar = await call("GET", "/api/v1/conflicts?dirty=false");
    expect([radar.status, Array.isArray(bodyOf(radar).sessions)]).toEqual([200, true]);
    const doctor = bodyOf(await call("GET", "/api/v1/doctor"));
    expect(doctor).toMatchObject({ main_root: f.repo.root, findings: expect.any(Array), problems: expect.any(Number) });
    const doc = bodyOf(await call("GET", "/api/v1/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/approvals/{id}/approve"].post.requestBody.content["application/json"].schema.properties.scope.enum).toEqual(["once", "job", "workspace"]);
    expect(doc.paths["/api/v1/sessions"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["state", "role"]);
  });
});

describe("events", () => {
  it("filters the timeline by session, type, actor and pages with after/limit", async () => {
    const bySession = bodyOf(await call("GET", "/api/v1/events?session=s1&limit=1000")).events;
    expect(bySession.length).toBeGreaterThan(1);
    expect(bySession.every((e: { session_id: string }) => e.session_id === "s1")).toBe(true);
    const agents = bodyOf(await call("GET", "/api/v1/events?actor=agent")).events;
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((e: { actor: string }) => e.actor === "agent")).toBe(true);
    const created = bodyOf(await call("GET", "/api/v1/events?type=session.created")).events;
    expect(created.map((e: { session_id: string }) => e.session_id)).toEqual(["s1", "c1", "s2", "s3", "s4", "s5"]);
    const page = bodyOf(await call("GET", `/api/v1/events?after=${created[0].seq}&limit=2`));
    expect(page.events.map((e: { seq: number }) => e.seq)).toEqual([created[0].seq + 1, created[0].seq + 2]);
    const wrong = await call("GET", "/api/v1/events?type=nope.nothing");
    expect([wrong.status, bodyOf(wrong).error.message]).toEqual([400, "query.type: not a Flight Recorder event type"]);
  });
});
