// protected_branches (workspace.json) is enforced: no session ref update may touch a protected branch
// (reference-transaction, whatever the session's role, also for a lock-mode session sharing the branch),
// and moving one (merge-back --apply) is the operator's alone: refused from a session, through the CLI
// or the host socket. The operator's own commits and applies still work.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, runIn, type Fixture } from "../sandbox/fixture.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { openWorkspace } from "../../src/registry/workspace.ts";
import { assertMayMoveBranch } from "../../src/ops/protected.ts";
import { OPERATOR, sessionActor } from "../../src/ops/actor.ts";
import { HsError } from "../../src/errors.ts";
import { RAW_SOCKET, attempt, attemptAll, events, expectFsckClean } from "./guard-fixture.ts";

let fx: Fixture;
const ref = (name: string) => spawnSync("git", ["rev-parse", "--verify", "-q", name], { cwd: fx.main, env: cleanEnv(), encoding: "utf8" }).stdout.trim();
const sh = (line: string, cwd: string, env: NodeJS.ProcessEnv = {}) => spawnSync("sh", ["-c", line], { cwd, env: cleanEnv(env), encoding: "utf8" });

beforeAll(async () => {
  fx = buildFixture({ sessions: [] });
  const config = path.join(fx.main, ".handshake", "workspace.json");
  const json = JSON.parse(fs.readFileSync(config, "utf8"));
  fs.writeFileSync(config, JSON.stringify({ ...json, protected_branches: ["main", "release/*"] }, null, 2));
  fx.git(["branch", "release/1"]);
  for (const args of [["--id", "s1", "--scope", "src/**", "--role", "human"], ["--id", "s2", "--scope", "src/**"], ["--id", "l1", "--isolation", "lock", "--scope", "docs/**"]]) {
    const created = fx.hs(["session", "create", ...args]);
    expect(created.code, created.stderr).toBe(0);
  }
  fs.writeFileSync(path.join(fx.s1, "src", "app.ts"), "export const app = 2;\n");
  fx.git(["commit", "-qam", "s1 work"], fx.s1);
  const warm = await attempt(fx, "true");
  expect(warm.code, warm.stderr).toBe(0);
}, 60_000);
afterAll(() => fx?.cleanup());

describe("protected branches against a session", () => {
  it("from inside s1 (role human): moving main or release/* by git, by merge-back --apply or the raw socket is refused", async () => {
    const main = ref("main");
    const release = ref("release/1");
    const result = await attemptAll(fx, [
      ["update-ref main", "/usr/bin/git update-ref refs/heads/main HEAD"],
      ["branch -f release/1", "/usr/bin/git branch -f release/1 HEAD"],
      ["new release branch", "/usr/bin/git branch release/2 HEAD"],
      ["push to main", "/usr/bin/git push -q origin HEAD:main"],
      ["merge-back --apply into main", "hs merge-back s1 --apply"],
      ["merge-back --apply into release/1", "hs merge-back s1 --apply --into release/1"],
      ["raw socket: merge-back --apply", `${RAW_SOCKET} ${fx.s1} merge-back s1 --apply --strategy ff`],
    ]);
    for (const outcome of result.cases) expect(outcome.exit, `${outcome.name}: ${outcome.stderr}`).not.toBe(0);
    for (const outcome of result.cases.slice(4)) expect(outcome.stderr, outcome.name).toContain("[HS-OPERATOR-ONLY]");
    expect(result.changes).toEqual([]);
    expect(ref("main")).toBe(main);
    expect(ref("release/1")).toBe(release);
    expect(ref("release/2")).toBe("");
    expect(fx.git(["ls-remote", "origin", "main"])).toContain(main);
    expect(result.denials.map((event) => event.payload.code)).toEqual(["HS-OPERATOR-ONLY", "HS-OPERATOR-ONLY", "HS-OPERATOR-ONLY"]);
    expectFsckClean(fx);
  });

  it("the reference-transaction hook names the protected branch, even with --no-verify and plumbing", () => {
    const main = ref("main");
    const release = ref("release/1");
    for (const line of ["git update-ref refs/heads/main HEAD", "git branch -f release/1 HEAD", "git push -q --no-verify . HEAD:release/1"]) {
      const result = sh(line, fx.s1);
      expect(result.status, line).not.toBe(0);
      expect(result.stderr, line).toContain("HS-PROTECTED-BRANCH");
    }
    expect(ref("main")).toBe(main);
    expect(ref("release/1")).toBe(release);
    const refused = events(fx, "hook.refused").map((event) => JSON.stringify(event.payload));
    expect(refused.some((payload) => payload.includes("HS-PROTECTED-BRANCH"))).toBe(true);
  });

  it("a lock-mode session cannot commit on the protected branch it shares; the operator can", () => {
    fs.mkdirSync(path.join(fx.main, "docs"), { recursive: true });
    fs.writeFileSync(path.join(fx.main, "docs", "guide.md"), "in l1's scope\n");
    const main = ref("main");
    const asSession = sh("git add docs/guide.md && git commit -qm 'l1 on main'", fx.main, { HS_SESSION_ID: "l1" });
    expect(asSession.status).not.toBe(0);
    expect(asSession.stderr).toContain("HS-PROTECTED-BRANCH");
    expect(ref("main")).toBe(main);
    // the operator may move main, but not with l1's locked file: only the lock decides that
    const asOperator = sh("git reset -q docs/guide.md && rm docs/guide.md && echo more >> README.md && git commit -qam 'operator on main'", fx.main);
    expect(asOperator.status, asOperator.stderr).toBe(0);
    expect(ref("main")).not.toBe(main);
  });

  it("assertMayMoveBranch: every session actor is refused and recorded; the operator passes; the namespace is not protected", () => {
    const ws = openWorkspace(fx.main);
    try {
      for (const target of ["main", "refs/heads/main", "release/9"]) {
        let error: unknown;
        try {
          assertMayMoveBranch(ws, sessionActor("s1"), target, `merge-back s1 --apply --into ${target}`);
        } catch (caught) {
          error = caught;
        }
        expect((error as HsError).code).toBe("HS-PROTECTED-BRANCH");
        expect((error as HsError).hint).toContain("hs merge-back s1 --apply");
      }
      expect(() => assertMayMoveBranch(ws, OPERATOR, "main", "merge-back s1 --apply")).not.toThrow();
      expect(() => assertMayMoveBranch(ws, sessionActor("s1"), "hs/s1/topic", "x")).not.toThrow();
    } finally {
      ws.close();
    }
    expect(events(fx, "access.denied").filter((event) => event.payload.code === "HS-PROTECTED-BRANCH")).toHaveLength(3);
  });

  it("the operator's merge-back --apply moves the protected branch", () => {
    const applied = fx.hs(["merge-back", "s1", "--apply"]);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect(fx.git(["show", "main:src/app.ts"])).toBe("export const app = 2;\n");
  });

  it("a branch protected after the session was created is protected from its next start on (the host refreshes the hook markers)", async () => {
    const config = path.join(fx.main, ".handshake", "workspace.json");
    const json = JSON.parse(fs.readFileSync(config, "utf8"));
    fs.writeFileSync(config, JSON.stringify({ ...json, protected_branches: [...json.protected_branches, "hotfix/*"] }, null, 2));
    const run = await runIn(fx, "/usr/bin/git branch hotfix/1 HEAD; echo \"exit=$?\"", { id: "s2", cwd: fx.s2 });
    expect(run.stdout, run.stderr).not.toContain("exit=0");
    const result = sh("git branch hotfix/1 HEAD", fx.s2);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("HS-PROTECTED-BRANCH");
    expect(ref("hotfix/1")).toBe("");
  });
});
