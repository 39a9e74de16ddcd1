// The DCC page from the server side, in-process on a real repository: the built page at `/` and at every deep
// link (history fallback) with its CSP, assets only by their built names, nothing without a login; and the
// routes added for the page's forms and views, each through its operation (event and actor recorded).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servePage } from "../../src/server/static.ts";
import { api, bodyOf, eventsAfter, HOST, serverFixture, type ServerFixture } from "./fixture.ts";

let f: ServerFixture;
let page: string;
beforeAll(() => {
  f = serverFixture([["s1", null]]);
  page = fs.mkdtempSync(path.join(os.tmpdir(), "hs-page-"));
  fs.mkdirSync(path.join(page, "assets"));
  fs.writeFileSync(path.join(page, "index.html"), "<!doctype html><title>page</title>");
  fs.writeFileSync(path.join(page, "assets", "app.js"), "console.log(1)");
  fs.writeFileSync(path.join(page, "secret.txt"), "not an asset");
}, 90_000);
afterAll(() => {
  f?.cleanup();
  fs.rmSync(page, { recursive: true, force: true });
});

const call = (method: string, url: string, body?: unknown) => f.handler()(api(method, url, body));
const head = () => f.fr.head().seq;

describe("serving the page", () => {
  it("answers index.html for / and deep links, assets by their built names only, with the page's CSP", () => {
    for (const route of ["/", "/sessions/s1", "/approvals/ap-1", "/wp/WP-1", "/events/12", "/secret.txt", "/assets/../secret.txt", "/.env"]) {
      const response = servePage(route, page);
      expect([route, response.body]).toEqual([route, "<!doctype html><title>page</title>"]);
      expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(response.headers["content-security-policy"]).not.toMatch(/script-src[^;]*(unsafe|\*)/);
      expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    }
    const asset = servePage("/assets/app.js", page);
    expect([asset.body, asset.headers["content-type"]]).toEqual(["console.log(1)", "text/javascript; charset=utf-8"]);
  });

  it("without a built page, / lists the routes; nothing is served before login", async () => {
    expect(servePage("/", path.join(page, "missing")).body).toContain("/api/v1/sessions");
    const anonymous = await f.handler()({ method: "GET", url: "/sessions/s1", headers: { host: HOST } });
    expect(anonymous.status).toBe(401);
  });
});

describe("routes for the page", () => {
  it("creates a work packet, previews its moves (refusals with their code and next command), adds a micro-task and notes", async () => {
    const before = head();
    const wp = bodyOf(await call("POST", "/api/v1/work/packets", { title: "Cart totals", scope: ["src/**"] }));
    expect(wp).toMatchObject({ title: "Cart totals", status: "stub" });
    expect(eventsAfter(f.fr, before, "work_packet_created")[0]).toMatchObject({ actor: "human", wp_id: wp.wp_id });
    const moves = bodyOf(await call("GET", `/api/v1/work/packets/${wp.wp_id}/moves`));
    const to = (status: string) => moves.moves.find((m: { to: string }) => m.to === status);
    expect(to("ready")).toMatchObject({ allowed: true, error: null });
    expect(to("done")).toMatchObject({ allowed: false, error: { code: "HS-STATE-TRANSITION" } });
    expect(to("done").error.hint).toBeTruthy();
    expect(bodyOf(await call("GET", `/api/v1/work/packets/${wp.wp_id}`)).status).toBe("stub");
    const mt = bodyOf(await call("POST", "/api/v1/work/micro-tasks", { wp: wp.wp_id, name: "sum", modify: ["src/cart.ts"] }));
    expect(mt).toMatchObject({ wp_id: wp.wp_id, status: "pending", files: { modify: ["src/cart.ts"] } });
    await call("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "ready" });
    await call("POST", `/api/v1/work/packets/${wp.wp_id}/transition`, { to: "in_progress" });
    const gated = bodyOf(await call("GET", `/api/v1/work/packets/${wp.wp_id}/moves`)).moves.find((m: { to: string }) => m.to === "gated");
    expect(gated).toMatchObject({ allowed: false, error: { code: "HS-WP-OPEN-MTS", hint: expect.stringContaining(`hs mt done ${mt.mt_id}`) } });
    const note = await call("POST", `/api/v1/work/packets/${wp.wp_id}/notes`, { text: "Decided: no currency conversion." });
    expect(note.status).toBe(200);
    const bad = await call("POST", "/api/v1/work/micro-tasks", { wp: wp.wp_id, name: "x", modify: [] });
    expect([bad.status, bodyOf(bad).error.code]).toEqual([400, "HS-HTTP-INVALID"]);
  });

  it("creates an anchor with append-only notes, shown as text; writes and shows a handoff", async () => {
    const anchor = bodyOf(await call("POST", "/api/v1/work/anchors", { title: "Carts add up", criteria: ["totals match"] }));
    await call("POST", `/api/v1/work/anchors/${anchor.anchor_id}/notes`, { text: "first" });
    await call("POST", `/api/v1/work/anchors/${anchor.anchor_id}/notes`, { text: "second" });
    const shown = bodyOf(await call("GET", `/api/v1/work/anchors/${anchor.anchor_id}`));
    expect(shown.notes.map((n: { text: string }) => n.text)).toEqual(["first", "second"]);
    const missing = await call("GET", "/api/v1/work/anchors/AN-404");
    expect([missing.status, bodyOf(missing).error.code]).toEqual([404, "HS-ANCHOR-NOT-FOUND"]);
    const before = head();
    const handoff = bodyOf(await call("POST", "/api/v1/work/handoffs", { session: "s1", done: "did a", remaining: "b", decisions: ["d1"] }));
    expect(eventsAfter(f.fr, before, "handoff.written")[0]).toMatchObject({ actor: "human", session_id: "s1" });
    expect(bodyOf(await call("GET", `/api/v1/work/handoffs/${handoff.handoff_id}`))).toMatchObject({ done: "did a", remaining: "b", decisions: ["d1"] });
  });

  it("verifies the chain, names the workspace, and restores a checkpoint through the operation", async () => {
    expect(bodyOf(await call("GET", "/api/v1/events/verify"))).toMatchObject({ ok: true, head_seq: head() });
    expect(bodyOf(await call("GET", "/api/v1/workspace"))).toMatchObject({ workspace_id: f.ws.config.workspace_id, main_root: f.repo.root });
    const missing = await call("POST", "/api/v1/sessions/s1/checkpoints/restore", { n: 99 });
    expect([missing.status, bodyOf(missing).error.code]).toEqual([404, "HS-CHECKPOINT-NOT-FOUND"]);
    await call("POST", "/api/v1/sessions/s1/pause", {});
    const [checkpoint] = bodyOf(await call("GET", "/api/v1/sessions/s1/checkpoints")).checkpoints;
    const worktree = bodyOf(await call("GET", "/api/v1/sessions/s1")).worktree as string;
    fs.writeFileSync(path.join(worktree, "later.txt"), "written after the checkpoint\n");
    const before = head();
    const restored = await call("POST", "/api/v1/sessions/s1/checkpoints/restore", { n: checkpoint.n });
    expect(restored.status, JSON.stringify(bodyOf(restored))).toBe(200);
    expect(fs.existsSync(path.join(worktree, "later.txt"))).toBe(false);
    expect(eventsAfter(f.fr, before, "session_checkpoint_restored")[0]).toMatchObject({ actor: "human", session_id: "s1" });
  });
});
