// A lock-mode session shares the main checkout: its shim still gates (rm always through `hs __gate`),
// read-only git stays on the fast path, and `hs check --session` classifies for it.
import path from "node:path";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { frEvents, gated } from "./session-shell.ts";

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo();
  expect(hs(["init", "--worktrees-dir", "../wts"], { cwd: repo.root }).code).toBe(0);
  const created = hs(["session", "create", "--id", "lk", "--isolation", "lock", "--scope", "src/**"], { cwd: repo.root });
  expect(created.code, created.stderr).toBe(0);
});
afterAll(() => repo?.cleanup());

describe("lock-mode session", () => {
  it("gates rm through the slow path and allows an in-scope delete", () => {
    repo.write("src/tmp.ts", "x\n");
    const before = frEvents(repo.root, "gate.decision").length;
    const result = gated("lk", "rm -f src/tmp.ts; echo rc=$?; git status --short >/dev/null; echo rc=$?", { cwd: repo.root });
    expect(result.stdout).toBe("rc=0\nrc=0\n");
    expect(fs.existsSync(path.join(repo.root, "src/tmp.ts"))).toBe(false);
    const decisions = frEvents(repo.root, "gate.decision").slice(before);
    expect(decisions.map((event) => event.payload.argv)).toEqual([["rm", "-f", "src/tmp.ts"]]);
  });
  it("refuses what leaves its scope, and hs check --session agrees", () => {
    const result = gated("lk", "HS_APPROVAL_TIMEOUT_SECONDS=1 rm -f README.md; echo rc=$?", { cwd: repo.root });
    expect(result.stdout).toBe("rc=77\n");
    expect(repo.read("README.md")).toBe("# test\n");
    const check = hs(["check", "--json", "--session", "lk", "--", "rm", "-f", "README.md"], { cwd: repo.root });
    expect(check.code).toBe(77);
    expect(check.json()).toMatchObject({ session_id: "lk", rule: "scope.out-of-scope" });
  });
});
