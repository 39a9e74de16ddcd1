// Pure parts of lock mode and limits: which lock scopes the sandbox can confine, the socket budget, the config.
import { describe, expect, it } from "vitest";
import { planLockScope } from "../../src/sandbox/lock-scope.ts";
import { SocketBudget } from "../../src/sandbox/socket-limit.ts";
import { defaultConfig, parseConfig } from "../../src/registry/config.ts";

describe("planLockScope", () => {
  it.each([
    [["src/**"], [{ path: "src", kind: "folder" }]],
    [["README.md"], [{ path: "README.md", kind: "path" }]],
    [["src/app.ts", "docs/**"], [{ path: "src/app.ts", kind: "path" }, { path: "docs", kind: "folder" }]],
    [["{src,test}/**"], [{ path: "src", kind: "folder" }, { path: "test", kind: "folder" }]],
    [["src/lib"], [{ path: "src/lib", kind: "path" }]],
  ])("%j opens exactly %j", (scope, openings) => {
    const plan = planLockScope(scope);
    expect(plan.ok && plan.openings.map(({ path, kind }) => ({ path, kind }))).toEqual(openings);
  });
  it.each([["src/*.ts"], ["src/**/*.ts"], ["**/*.ts"], ["**"], ["*"], ["src/a?.ts"], ["{src/**,*.md}"], [".git/**"], [".handshake/gov/**"], [".GIT/x"]])(
    "%s is refused",
    (glob) => expect(planLockScope([glob]).ok).toBe(false),
  );
});

describe("SocketBudget", () => {
  it("serves a minute's worth at once, then refills evenly; reports a refusal at most once a minute", () => {
    let now = 0;
    const budget = new SocketBudget({ requestsPerMinute: 60, bytesPerMinute: 1_000_000 }, () => now);
    for (let i = 0; i < 60; i++) expect(budget.admit(10).ok).toBe(true);
    expect(budget.admit(10)).toEqual({ ok: false, report: true, cap: "requests", refusedSinceReport: 1 });
    expect(budget.admit(10)).toMatchObject({ ok: false, report: false });
    now += 1000;
    expect(budget.admit(10).ok).toBe(true);
    expect(budget.admit(10)).toMatchObject({ ok: false, report: false });
    now += 60_000;
    for (let i = 0; i < 60; i++) budget.admit(10);
    expect(budget.admit(10)).toEqual({ ok: false, report: true, cap: "requests", refusedSinceReport: 3 });
  });
  it("caps bytes separately", () => {
    const budget = new SocketBudget({ requestsPerMinute: 1000, bytesPerMinute: 100 }, () => 0);
    expect(budget.admit(80).ok).toBe(true);
    expect(budget.admit(30)).toMatchObject({ ok: false, cap: "bytes" });
    expect(budget.admit(20).ok).toBe(true);
  });
});

describe("workspace.json limits", () => {
  const withLimits = (limits: unknown) => JSON.stringify({ ...defaultConfig("/r"), limits });
  it("accepts the defaults, null caps, and an absent section", () => {
    expect(parseConfig(JSON.stringify(defaultConfig("/r"))).errors).toEqual([]);
    expect(parseConfig(withLimits({ socket_requests_per_minute: 10, socket_bytes_per_minute: 65536, processes: null, memory_mb: null })).errors).toEqual([]);
    const { limits: _dropped, ...rest } = defaultConfig("/r");
    expect(parseConfig(JSON.stringify(rest)).errors).toEqual([]);
  });
  it.each([
    [{ socket_requests_per_minute: 0, socket_bytes_per_minute: 65536, processes: 64, memory_mb: 256 }, "limits.socket_requests_per_minute"],
    [{ socket_requests_per_minute: 10, socket_bytes_per_minute: 65536, processes: 4, memory_mb: 256 }, "limits.processes"],
    [{ socket_requests_per_minute: 10, socket_bytes_per_minute: 65536, processes: 64, memory_mb: "1G" }, "limits.memory_mb"],
    [{ socket_requests_per_minute: 10, socket_bytes_per_minute: 65536, processes: 64, memory_mb: 256, cpu: 1 }, "limits"],
    [{ socket_requests_per_minute: 10 }, "limits.socket_bytes_per_minute"],
  ])("fails closed on %j (%s)", (limits, where) => {
    const { config, errors } = parseConfig(withLimits(limits));
    expect(config).toBeUndefined();
    expect(errors.some((error) => error.startsWith(`${where}:`))).toBe(true);
  });
});
