// version.* and context.search over a real loopback socket: the cookie-less bearer client of a script, a commit
// recorded with the operator as actor, a revert filed and performed through the inbox routes, and a server whose
// actor is a session (test-only) refused by the operations' guard, not by the route.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.ts";
import { sessionActor } from "../../src/ops/actor.ts";
import { eventsAfter, serverFixture, type ServerFixture } from "./fixture.ts";

let f: ServerFixture;
let server: RunningServer;
let asSession: RunningServer;
beforeAll(async () => {
  f = serverFixture([["s1", null]]);
  server = await startServer({ ws: f.ws, host: "127.0.0.1", port: 0 });
  asSession = await startServer({ ws: f.ws, host: "127.0.0.1", port: 0, actor: sessionActor("s1") });
}, 90_000);
afterAll(async () => {
  await server?.close();
  await asSession?.close();
  f?.cleanup();
});

function send(to: RunningServer, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { host: `127.0.0.1:${to.port}`, authorization: `Bearer ${to.auth.apiToken}` };
  if (text !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: to.port, method, path: url, headers }, (res) => {
      let data = "";
      res.on("data", (chunk) => (data += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : undefined }));
    });
    req.on("error", reject);
    req.end(text);
  });
}

const git = (args: string[]) => f.repo.git(args).stdout.trim();

describe("version.* over a socket", () => {
  it("status, commit (actor human, index untouched), search and a revert approved through the inbox", async () => {
    fs.writeFileSync(path.join(f.repo.root, "src/app.ts"), "export const app = 'socket';\n");
    fs.writeFileSync(path.join(f.repo.root, "src/scratch.ts"), "scratch\n");
    const status = await send(server, "GET", "/api/v1/vcs/status?target=main");
    expect(status.status).toBe(200);
    expect(status.json.files.map((file: { path: string; status: string }) => [file.path, file.status])).toEqual([["src/app.ts", "modified"], ["src/scratch.ts", "untracked"]]);
    const index = fs.readFileSync(path.join(f.repo.root, ".git", "index"));
    const before = f.fr.head().seq;
    const commit = await send(server, "POST", "/api/v1/vcs/commit", { target: "main", paths: ["src/app.ts"], message: "over the socket" });
    expect(commit.status).toBe(200);
    expect(git(["log", "-1", "--format=%H %s"])).toBe(`${commit.json.commit} over the socket`);
    expect(fs.readFileSync(path.join(f.repo.root, ".git", "index")).equals(index)).toBe(true);
    expect(eventsAfter(f.fr, before, "vcs.committed")[0]).toMatchObject({ seq: commit.json.event_id, actor: "human" });
    const found = await send(server, "GET", "/api/v1/search?target=main&q=socket");
    expect(found.json.results).toEqual([{ path: "src/app.ts", line: 1, excerpt: "export const app = 'socket';" }]);
    const asked = await send(server, "POST", "/api/v1/vcs/revert", { target: "main", paths: ["src/scratch.ts"] });
    expect(asked.status).toBe(202);
    expect(fs.existsSync(path.join(f.repo.root, "src/scratch.ts"))).toBe(true);
    const approved = await send(server, "POST", `/api/v1/approvals/${asked.json.request_id}/approve`, {});
    expect(approved.json.performed).toMatchObject({ target: "main", deleted: ["src/scratch.ts"] });
    expect(fs.existsSync(path.join(f.repo.root, "src/scratch.ts"))).toBe(false);
    expect(eventsAfter(f.fr, before, "vcs.reverted")[0]).toMatchObject({ actor: "human", session_id: null });
  });

  it("a session actor asking for the operator's verbs is refused by the guard (access.denied recorded)", async () => {
    fs.writeFileSync(path.join(f.repo.root, "src/app.ts"), "export const app = 'session tries';\n");
    const before = f.fr.head().seq;
    const commit = await send(asSession, "POST", "/api/v1/vcs/commit", { target: "main", paths: ["src/app.ts"], message: "not mine" });
    expect([commit.status, commit.json.error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    const revert = await send(asSession, "POST", "/api/v1/vcs/revert", { target: "main", paths: ["src/app.ts"] });
    expect([revert.status, revert.json.error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    const denied = eventsAfter(f.fr, before, "access.denied");
    expect(denied.map((e) => [e.actor, e.session_id, (e.payload.verb as string).split(" ").slice(0, 3).join(" ")])).toEqual([
      ["agent", "s1", "vcs commit main"],
      ["agent", "s1", "vcs revert main"],
    ]);
    expect(eventsAfter(f.fr, before, "vcs.committed")).toEqual([]);
    // reads of its own worktree are allowed
    expect((await send(asSession, "GET", "/api/v1/vcs/status?target=s1")).status).toBe(200);
  });
});
