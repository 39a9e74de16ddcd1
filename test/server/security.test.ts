// The local server's boundary, in-process: authentication (login token once -> HttpOnly SameSite=Strict cookie;
// bearer for scripts), Host (DNS rebinding), Origin on state-changing requests, no CORS, body limits and
// validation. Plus the pure checks behind them, table-driven.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback, originAllowed, ownHosts, hostAllowed } from "../../src/server/security.ts";
import { createAuth } from "../../src/server/auth.ts";
import { API_TOKEN, HOST, LOGIN_TOKEN, ORIGIN, api, bodyOf, serverFixture, type ServerFixture } from "./fixture.ts";
import type { HttpResponse } from "../../src/server/types.ts";

describe("pure checks", () => {
  it.each([
    ["127.0.0.1", true], ["127.8.9.1", true], ["localhost", true], ["::1", true], ["[::1]", true],
    ["0.0.0.0", false], ["192.168.1.4", false], ["::", false], ["example.com", false], ["127.0.0.1.nip.io", false],
  ])("isLoopback(%s) = %s", (host, expected) => expect(isLoopback(host)).toBe(expected));

  const own = ownHosts("127.0.0.1", 4780);
  it.each([
    ["127.0.0.1:4780", true], ["localhost:4780", true], ["[::1]:4780", true], ["LOCALHOST:4780", true],
    ["127.0.0.1:4781", false], ["127.0.0.1", false], ["evil.example:4780", false], [undefined, false], ["", false],
  ])("hostAllowed(%s) = %s", (header, expected) => expect(hostAllowed(header, own)).toBe(expected));

  it("bound to a wildcard (--allow-remote), answers to the machine's own addresses and name only", () => {
    const wild = ownHosts("0.0.0.0", 4780, { addresses: ["192.168.1.4", "fe80::1"], hostname: "devbox" });
    expect([...wild].sort()).toEqual(
      ["0.0.0.0:4780", "127.0.0.1:4780", "192.168.1.4:4780", "[::1]:4780", "[fe80::1]:4780", "devbox:4780", "localhost:4780"].sort(),
    );
    expect(hostAllowed("evil.example:4780", wild)).toBe(false);
    expect([...ownHosts("192.168.1.4", 4780, { addresses: ["10.0.0.1"], hostname: "devbox" })]).toEqual(["192.168.1.4:4780"]);
  });

  it.each([
    ["GET", undefined, "cookie", true],
    ["POST", undefined, "bearer", true],
    ["POST", undefined, "cookie", false],
    ["POST", "http://127.0.0.1:4780", "cookie", true],
    ["POST", "http://localhost:4780", "cookie", true],
    ["POST", "http://evil.example", "bearer", false],
    ["POST", "http://127.0.0.1:4781", "cookie", false],
    ["POST", "https://127.0.0.1:4780", "cookie", false],
    ["POST", "null", "cookie", false],
    ["GET", "http://evil.example", "cookie", false],
  ] as const)("originAllowed(%s, %s, %s) = %s", (method, origin, via, expected) =>
    expect(originAllowed(method, origin, via, own)).toBe(expected));

  it("a login token works once; cookies and the API token are distinct secrets", () => {
    const auth = createAuth();
    expect(auth.loginToken).not.toBe(auth.apiToken);
    const cookie = auth.exchange(auth.loginToken);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.exchange(auth.loginToken)).toBeUndefined();
    expect(auth.identify({ cookie: `x=1; hs_dcc=${cookie}` })).toBe("cookie");
    expect(auth.identify({ authorization: `Bearer ${auth.apiToken}` })).toBe("bearer");
    expect(auth.identify({ authorization: `Bearer ${auth.loginToken}` })).toBeUndefined();
    expect(auth.identify({ cookie: "hs_dcc=forged" })).toBeUndefined();
  });
});

let f: ServerFixture;
beforeAll(() => {
  f = serverFixture([["s1", null]]);
}, 90_000);
afterAll(() => f?.cleanup());

const send = (request: Parameters<ReturnType<ServerFixture["handler"]>>[0]) => f.handler()(request);
const code = (response: HttpResponse) => [response.status, bodyOf(response)?.error?.code];

describe("over the in-process handler", () => {
  it("no token -> 401; a wrong bearer -> 401; the API token -> 200", async () => {
    expect(code(await send({ method: "GET", url: "/api/v1/sessions", headers: { host: HOST } }))).toEqual([401, "HS-HTTP-UNAUTHENTICATED"]);
    expect(code(await send(api("GET", "/api/v1/sessions", undefined, { authorization: "Bearer nope" })))).toEqual([401, "HS-HTTP-UNAUTHENTICATED"]);
    expect((await send(api("GET", "/api/v1/sessions"))).status).toBe(200);
  });

  it("wrong Host -> 403 even with a valid token (DNS rebinding)", async () => {
    for (const host of ["evil.example:4780", "127.0.0.1:9999", ""]) {
      expect(code(await send(api("GET", "/api/v1/sessions", undefined, { host })))).toEqual([403, "HS-HTTP-HOST"]);
    }
  });

  it("exchanges the login token once for an HttpOnly SameSite=Strict cookie that then authenticates", async () => {
    const handler = f.handler();
    const login = await handler({ method: "GET", url: `/login?token=${LOGIN_TOKEN}`, headers: { host: HOST } });
    expect(login.status).toBe(303);
    const setCookie = login.headers["set-cookie"] ?? "";
    expect(setCookie).toMatch(/^hs_dcc=[A-Za-z0-9_-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const cookie = setCookie.split(";")[0]!;
    expect(code(await handler({ method: "GET", url: `/login?token=${LOGIN_TOKEN}`, headers: { host: HOST } }))).toEqual([401, "HS-HTTP-UNAUTHENTICATED"]);
    expect((await handler({ method: "GET", url: "/api/v1/sessions", headers: { host: HOST, cookie } })).status).toBe(200);
    const reopened = await handler({ method: "GET", url: `/login?token=${LOGIN_TOKEN}`, headers: { host: HOST, cookie } });
    expect([reopened.status, reopened.headers["set-cookie"]]).toEqual([303, undefined]);
    expect((await handler({ method: "GET", url: "/", headers: { host: HOST, cookie } })).status).toBe(200);
    // a state-changing request under a cookie needs the page's own Origin
    const pause = { method: "POST", url: "/api/v1/sessions/s1/pause", body: "{}" };
    const json = { host: HOST, cookie, "content-type": "application/json" };
    expect(code(await handler({ ...pause, headers: json }))).toEqual([403, "HS-HTTP-ORIGIN"]);
    expect(code(await handler({ ...pause, headers: { ...json, origin: "http://evil.example" } }))).toEqual([403, "HS-HTTP-ORIGIN"]);
    expect(code(await handler({ ...pause, url: "/api/v1/sessions/nope/pause", headers: { ...json, origin: ORIGIN } }))).toEqual([404, "HS-SESSION-NOT-FOUND"]);
  });

  it("cross-origin POST -> 403 with a bearer token too; nothing changed", async () => {
    const response = await send(api("POST", "/api/v1/sessions/s1/pause", {}, { origin: "http://evil.example" }));
    expect(code(response)).toEqual([403, "HS-HTTP-ORIGIN"]);
    expect(bodyOf(await send(api("GET", "/api/v1/sessions/s1"))).state).toBe("created");
  });

  it("oversized body -> 413, malformed JSON -> 400, wrong schema -> 400 with path: message, not JSON -> 415", async () => {
    const big = { reason: "x".repeat(70 * 1024) };
    expect(code(await send(api("POST", "/api/v1/sessions/s1/pause", big)))).toEqual([413, "HS-HTTP-TOO-LARGE"]);
    const malformed = { ...api("POST", "/api/v1/sessions/s1/pause", {}), body: "{not json" };
    expect(code(await send(malformed))).toEqual([400, "HS-HTTP-INVALID"]);
    const wrong = await send(api("POST", "/api/v1/approvals/ap-1/approve", { scope: "forever", extra: 1 }));
    expect(wrong.status).toBe(400);
    expect(bodyOf(wrong).error.details.problems).toEqual([
      'body.scope: Invalid option: expected one of "once"|"job"|"workspace"',
      'body: Unrecognized key: "extra"',
    ]);
    const query = await send(api("GET", "/api/v1/sessions?state=sleeping"));
    expect(bodyOf(query).error.message).toMatch(/^query\.state: /);
    const form = { ...api("POST", "/api/v1/sessions/s1/pause"), body: "reason=x", headers: { host: HOST, authorization: `Bearer ${API_TOKEN}`, "content-type": "text/plain" } };
    expect(code(await send(form))).toEqual([415, "HS-HTTP-INVALID"]);
  });

  it("opens the event stream, and refuses a Last-Event-ID that is not a seq", async () => {
    expect((await send(api("GET", "/api/v1/events/stream"))).kind).toBe("stream");
    const bad = await send(api("GET", "/api/v1/events/stream", undefined, { "last-event-id": "12; DROP" }));
    expect(code(bad)).toEqual([400, "HS-HTTP-INVALID"]);
  });

  it("sends no CORS header on any answer, and 404/405 for unknown routes and methods", async () => {
    const answers = await Promise.all([
      send(api("OPTIONS", "/api/v1/sessions", undefined, { origin: "http://evil.example", "access-control-request-method": "POST" })),
      send(api("GET", "/api/v1/sessions", undefined, { origin: ORIGIN })),
      send(api("GET", "/api/v1/nothing")),
      send(api("DELETE", "/api/v1/sessions", undefined)),
    ]);
    for (const answer of answers) {
      expect(Object.keys(answer.headers).filter((name) => name.toLowerCase().startsWith("access-control-"))).toEqual([]);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(code(answers[0]!)).toEqual([403, "HS-HTTP-ORIGIN"]);
    expect(code(answers[2]!)).toEqual([404, "HS-HTTP-NOT-FOUND"]);
    expect(code(answers[3]!)).toEqual([405, "HS-HTTP-NOT-FOUND"]);
  });
});
