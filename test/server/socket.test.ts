// The server over a real loopback socket: login cookie, Host check, the body cap enforced while reading, and the
// SSE stream receiving an event written by another hs process within 500 ms, resumable with Last-Event-ID.
// Then `hs ui` itself: prints its URLs, serves, stops cleanly on SIGTERM, and refuses inside a session or off loopback.
import http from "node:http";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.ts";
import { HS_BIN, hs, hsAsync } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { serverFixture, type ServerFixture } from "./fixture.ts";

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(server: RunningServer, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

interface SseEvent {
  id: number;
  data: { seq: number; type: string; timestamp: string; actor: string; wp_id: string | null };
  receivedAt: number;
}

/** Opens the stream and collects frames until close(). */
function subscribe(server: RunningServer, headers: Record<string, string> = {}, path = "/api/v1/events/stream") {
  const events: SseEvent[] = [];
  let buffer = "";
  const ready = new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.auth.apiToken}`, ...headers } },
      (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (id && data) events.push({ id: Number(id), data: JSON.parse(data), receivedAt: Date.now() });
          }
        });
        resolve(res);
      },
    );
    req.on("error", reject);
  });
  return { events, ready, close: async () => (await ready).destroy() };
}

async function until<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let f: ServerFixture;
let server: RunningServer;
beforeAll(async () => {
  f = serverFixture([["s1", null]]);
  server = await startServer({ ws: f.ws, host: "127.0.0.1", port: 0 });
}, 90_000);
afterAll(async () => {
  await server?.close();
  f?.cleanup();
});

describe("over a loopback socket", () => {
  it("logs in with the one-time URL and serves the API to the cookie", async () => {
    expect(server.loginUrl).toBe(`http://127.0.0.1:${server.port}/login?token=${server.auth.loginToken}`);
    expect((await request(server, "GET", "/api/v1/sessions")).status).toBe(401);
    const login = await request(server, "GET", new URL(server.loginUrl).pathname + new URL(server.loginUrl).search);
    expect([login.status, login.headers.location]).toEqual([303, "/"]);
    const cookie = (login.headers["set-cookie"] ?? [])[0]!.split(";")[0]!;
    const list = await request(server, "GET", "/api/v1/sessions", { cookie });
    expect([list.status, JSON.parse(list.body).count]).toEqual([200, 1]);
    expect(Object.keys(list.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });

  it("refuses a foreign Host, and a body over the cap while it is being read", async () => {
    const bearer = { authorization: `Bearer ${server.auth.apiToken}` };
    expect((await request(server, "GET", "/api/v1/sessions", { ...bearer, host: `rebind.example:${server.port}` })).status).toBe(403);
    const huge = Buffer.alloc(200 * 1024, "a");
    const declared = await request(server, "POST", "/api/v1/sessions/s1/pause", { ...bearer, "content-type": "application/json" }, huge);
    expect([declared.status, JSON.parse(declared.body).error.code]).toEqual([413, "HS-HTTP-TOO-LARGE"]);
    const chunked = await request(server, "POST", "/api/v1/sessions/s1/pause", { ...bearer, "content-type": "application/json", "transfer-encoding": "chunked" }, huge);
    expect(chunked.status).toBe(413);
    expect(JSON.parse((await request(server, "GET", "/api/v1/sessions/s1", bearer)).body).state).toBe("created");
  });

  it("streams an event another hs process writes within 500 ms, and resumes from Last-Event-ID", async () => {
    const stream = subscribe(server);
    await stream.ready;
    const created = await hsAsync(["wp", "create", "--title", "Streamed packet", "--json"], { cwd: f.repo.root });
    expect(created.code, created.stderr).toBe(0);
    const event = await until(() => stream.events.find((e) => e.data.type === "work_packet_created"));
    expect(event.receivedAt - Date.parse(event.data.timestamp)).toBeLessThan(500);
    expect(event.data.actor).toBe("human");
    await stream.close();
    const resumed = subscribe(server, { "last-event-id": String(event.id - 1) });
    const first = await until(() => resumed.events[0]);
    expect(first.id).toBe(event.id);
    await resumed.close();
  });
});

describe("a session's background output", () => {
  it("streams what a detached run in the sandbox prints, redacted, and serves the tail", async () => {
    const stream = subscribe(server, {}, "/api/v1/sessions/s1/output/stream?after=0");
    await stream.ready;
    const started = hs(["session", "run", "s1", "--detach", "--", "sh", "-c", "echo hello-from-s1; echo password=hunter2hunter2"], { cwd: f.repo.root });
    expect(started.code, started.stderr).toBe(0);
    const text = () => stream.events.map((e) => (e.data as unknown as { text: string }).text).join("");
    await until(() => (text().includes("password=") ? true : undefined), 30_000);
    expect(text()).toContain("hello-from-s1");
    expect(text()).not.toContain("hunter2");
    await stream.close();
    const tail = JSON.parse((await request(server, "GET", "/api/v1/sessions/s1/output", { authorization: `Bearer ${server.auth.apiToken}` })).body);
    expect(tail).toMatchObject({ session_id: "s1", truncated: false });
    expect(tail.text).toContain("hello-from-s1");
    expect(tail.offset).toBe(stream.events.at(-1)!.id);
  }, 60_000);
});

describe("hs ui", () => {
  it("prints the login URL, serves with the printed API token, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [HS_BIN, "ui", "--no-open", "--json"], { cwd: f.repo.root, env: cleanEnv() });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const info = await until(() => (out.includes("\n") ? JSON.parse(out.split("\n")[0]!) : undefined), 20_000);
    expect(info.login_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?token=[A-Za-z0-9_-]{43}$/);
    const reply = await request({ port: info.port } as RunningServer, "GET", "/api/v1/sessions", { authorization: `Bearer ${info.api_token}` });
    expect(reply.status).toBe(200);
    const before = f.fr.head().seq;
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const started = f.fr.query({ type: "ui.started" }).at(-1);
    expect(started).toMatchObject({ actor: "human", payload: { host: "127.0.0.1", port: info.port, remote: false } });
    expect(JSON.stringify(started)).not.toContain(info.api_token);
    expect(f.fr.query({ type: "ui.stopped", after_seq: before })).toHaveLength(1);
  }, 40_000);

  it("is refused inside a session, and off loopback without --allow-remote", () => {
    const inside = hs(["ui", "--no-open"], { cwd: f.repo.root, env: { HS_REQUESTED_BY_SESSION: "s1" } });
    expect([inside.code, inside.stderr]).toEqual([77, expect.stringContaining("HS-OPERATOR-ONLY")]);
    const remote = hs(["ui", "--no-open", "--host", "0.0.0.0"], { cwd: f.repo.root });
    expect([remote.code, remote.stderr]).toEqual([2, expect.stringContaining("HS-UI-REMOTE")]);
    expect(remote.stderr).toContain("next: hs ui --host 127.0.0.1");
  });
});
