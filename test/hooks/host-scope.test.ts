// Scope checks through the warm session host: a hook inside the sandbox whose scope git's pathspecs cannot
// model asks the host (verb "scope") instead of starting Node. The host answers from the registry for its own
// session only; the client believes only a server outside the sandbox's pid namespace. Fails when bwrap or
// the compiled client is missing.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { hs, REPO_ROOT } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { openWorkspace } from "../../src/registry/workspace.ts";
import { hostScopeVerdict, SCOPE_CLEAR, SCOPE_FULL_CHECK } from "../../src/hooks/host-scope.ts";
import { resolveActor } from "../../src/hooks/actor.ts";
import { readSessionMarker } from "../../src/hooks/markers.ts";
import { pathRule } from "../../src/hooks/rules.ts";
import { encodeRequest, parseRequest } from "../../src/sandbox/protocol.ts";
import { sessionRepo, type SessionRepo } from "./fixture.ts";

const CLIENT = path.join(REPO_ROOT, "dist", "hs-gate-client");
let s: SessionRepo;
afterEach(() => s?.repo.cleanup());

/** Node in the session's hooks replaced by a wrapper inside the worktree (visible in the sandbox) that logs each start. */
function logNodeStarts(): string {
  const log = path.join(s.wt, ".node-starts");
  const wrapper = path.join(s.wt, ".node-wrapper");
  const node = fs.realpathSync(process.execPath);
  fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${node}' "$@"\n`, { mode: 0o755 });
  fs.appendFileSync(path.join(s.repo.root, ".git", "info", "exclude"), ".node-*\n");
  for (const name of ["pre-commit", "reference-transaction"]) {
    const file = path.join(s.repo.root, ".git", "hs", "hooks", name);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").split(`'${node}'`).join(`'${wrapper}'`));
  }
  return log;
}

const starts = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []).map((line) => line.split(" ")[1]);

function inSandbox(script: string): { code: number; out: string } {
  const result = hs(["session", "run", "s1", "--", "sh", "-c", script], { cwd: s.wt });
  return { code: result.code, out: result.stdout + result.stderr };
}

function askClient(socket: string, input: Buffer | string): number {
  return spawnSync(CLIENT, ["scope", socket], { input, env: cleanEnv() }).status ?? -1;
}

describe("hook scope checks through the session host", () => {
  it("scope src/?pp.ts (not a pathspec): an in-scope commit in the sandbox starts no Node; out of scope is refused with and without --no-verify", () => {
    s = sessionRepo({ scope: ["src/?pp.ts"] });
    const log = logNodeStarts();
    const run = inSandbox(
      [
        "echo in >> src/app.ts; git commit -q -a -m in; echo in-rc=$?",
        "echo out >> docs/guide.md; git commit -q -a -m out; echo out-rc=$?",
        // the shim stops --no-verify first; the git binary itself still meets reference-transaction
        "/usr/bin/git commit -q -a --no-verify -m out; echo bypass-rc=$?",
      ].join("; "),
    );
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("in-rc=0");
    expect(run.out).toContain("out-rc=1");
    expect(run.out).toMatch(/bypass-rc=[1-9]/);
    expect(run.out).toContain("[HS-SCOPE-OUT] docs/guide.md");
    // the in-scope commit took the host's answer; each refusal got the full Node check and its report
    expect(starts(log)).toEqual(["pre-commit", "reference-transaction"]);
    const privateStore = { GIT_ALTERNATE_OBJECT_DIRECTORIES: path.join(s.repo.root, ".git", "hs-objects", "s1") };
    expect(s.git(["log", "-1", "--format=%s", "hs/s1/work"], { env: privateStore }).stdout.trim()).toBe("in");
  });

  it("the host answers for its own session only: a request from inside cannot get another actor's answer", () => {
    s = sessionRepo({ scope: ["src/?pp.ts"] });
    const ask = (paths: string[], env = "") => {
      const records = [...paths, "/end"].map((p) => `${p}\\0`).join("");
      return `printf '${records}' | ${env} '${CLIENT}' scope /tmp/.hs-host.sock; echo rc=$?`;
    };
    const run = inSandbox(
      [
        ask(["src/app.ts"]),
        ask(["README.md"]),
        ask(["README.md"], "HS_SESSION_ID= HS_HOST_SOCKET=/nowhere"),
        `cd '${s.repo.root}' 2>/dev/null; ${ask(["README.md"])}`,
        ask([".handshake/gov/x.md"]),
      ].join("; "),
    );
    expect(run.code, run.out).toBe(0);
    expect(run.out.match(/rc=\d+/g)).toEqual(["rc=0", "rc=1", "rc=1", "rc=1", "rc=1"]);
  });

  it("a server the session could run (inside the caller's pid namespace) is never believed, nor a list cut short", async () => {
    s = sessionRepo();
    const socket = path.join(s.repo.dir, "fake.sock");
    let connections = 0;
    const server = net.createServer((conn) => {
      connections += 1;
      conn.on("data", () => undefined);
      conn.on("error", () => undefined);
      conn.end("X 0\n");
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      // asynchronously: the fake server runs on this event loop
      const answer = await new Promise<number | null>((resolve) => {
        const proc = spawn(CLIENT, ["scope", socket], { env: cleanEnv() });
        proc.on("close", resolve);
        proc.stdin.end("src/app.ts\0/end\0");
      });
      expect(answer).not.toBe(0);
      expect(connections).toBe(1);
      // no "/end" record (git died half-way): refused before connecting
      expect(askClient(socket, "src/app.ts\0")).not.toBe(0);
      expect(askClient(socket, "src/app.ts\0/end")).not.toBe(0);
      expect(askClient(socket, "src/app.ts/end\0")).not.toBe(0);
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it("the host's decision equals the Node hook's decision on the same paths", () => {
    s = sessionRepo({ scope: ["src/**/*.{ts,tsx}", "docs/[a-c]*.md", "lib"] });
    const gitDir = s.git(["rev-parse", "--absolute-git-dir"]).stdout.trim();
    const rule = pathRule(resolveActor({ session: readSessionMarker(gitDir) }));
    const ws = openWorkspace(s.repo.root);
    try {
      const cases = [
        ...["src/a.ts", "src/deep/b.tsx", "src/a.js", "src/.hidden/c.ts", "docs/b.md", "docs/d.md", "lib", "lib/x/y", "lib2/x"],
        ...["README.md", ".handshake/gov/wp.json", ".GOV/x", ".gov/x", "src/gov/../a.ts", "SRC/a.ts", "src/é.ts", "src/*/a.ts"],
      ];
      for (const file of cases) {
        expect(hostScopeVerdict(ws, "s1", [file]), file).toBe(rule(file) ? SCOPE_FULL_CHECK : SCOPE_CLEAR);
      }
      expect(hostScopeVerdict(ws, "s1", cases.filter((file) => !rule(file)))).toBe(SCOPE_CLEAR);
      expect(hostScopeVerdict(ws, "s1", cases)).toBe(SCOPE_FULL_CHECK);
      expect(hostScopeVerdict(ws, "no-such-session", ["src/a.ts"])).toBe(SCOPE_FULL_CHECK);
    } finally {
      ws.close();
    }
  });

  it("protocol: the scope request round-trips, paths with any bytes but NUL", () => {
    const request = { verb: "scope" as const, cwd: "/w", paths: ["a b", "ç/\n", "x"] };
    expect(parseRequest(encodeRequest(request))).toEqual(request);
  });
});
