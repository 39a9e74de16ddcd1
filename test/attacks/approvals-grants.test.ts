// Attack: a standing grant stretched to a wider command. Approving one session's
// `git clean -f -- src/junk.tmp` for the workspace once let another session's `git clean -fdx` run without
// asking. Now a grant covers its rule and command shape only; everything else is asked again, inside real
// sandboxed sessions, and nothing outside the acting session changes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, diffSnapshots, outsideSnapshot, runIn, type Fixture } from "../sandbox/fixture.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx?.cleanup());

const SHORT = { HS_APPROVAL_TIMEOUT_SECONDS: "1" };
const requestId = (stderr: string) => /approve request (ap-[0-9a-f]{8})/.exec(stderr)?.[1];

describe("a workspace grant covers the approved command shape, never a wider one", () => {
  it("git clean -f -- src/junk.tmp approved for the workspace does not let git clean -fdx (or other paths) through", async () => {
    const line = "echo junk > src/junk.tmp; git clean -f -- src/junk.tmp; echo rc=$?";
    const first = await runIn(fx, line, { env: SHORT });
    expect(first.stdout).toContain("rc=77");
    const id = requestId(first.stderr)!;
    expect(id, first.stderr).toBeTruthy();
    const approved = fx.hs(["approve", id, "--scope", "workspace"]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain("git clean with at most --force, paths within src/junk.tmp (rule git.clean)");
    const grants = fx.hs(["grants"]);
    expect(grants.stdout).toContain("paths within src/junk.tmp");
    expect(JSON.parse(fx.hs(["grants", "--json"]).stdout)[0]).toMatchObject({ scope: "workspace", cover: { sub: "clean", flags: ["--force"], paths: ["src/junk.tmp"] } });
    // s1's retry uses its approval.
    expect((await runIn(fx, "git clean -f -- src/junk.tmp; echo rc=$?", { env: SHORT })).stdout).toContain("rc=0");
    expect(fs.existsSync(path.join(fx.s1, "src/junk.tmp"))).toBe(false);

    const s2Files = ["secret.txt", "dist/bundle.js", "src/keep.tmp", "src/junk.tmp"];
    fs.writeFileSync(path.join(fx.s2, "src/keep.tmp"), "keep\n");
    fs.writeFileSync(path.join(fx.s2, "src/junk.tmp"), "junk\n");
    const before = outsideSnapshot(fx, "s2");
    const widened = [
      "git clean -fdx",
      "git clean -f -d -x -- src/junk.tmp",
      "git clean -f -- src/keep.tmp",
      "git clean -f -- src",
      "git clean -f",
      "git -c core.fsmonitor=./evil.sh clean -f -- src/junk.tmp",
      "git -C .. clean -f -- s2/src/junk.tmp",
      "git clean -f -e '!*' -- src/junk.tmp",
    ];
    for (const command of widened) {
      const result = await runIn(fx, `${command}; echo rc=$?`, { id: "s2", cwd: fx.s2, env: SHORT });
      expect(result.stdout, `${command}\n${result.stderr}`).toContain("rc=77");
      for (const file of s2Files) expect(fs.existsSync(path.join(fx.s2, file)), `${command} removed ${file}`).toBe(true);
    }
    const covered = await runIn(fx, "git clean -f -- src/junk.tmp; echo rc=$?", { id: "s2", cwd: fx.s2, env: SHORT });
    expect(covered.stdout, covered.stderr).toContain("rc=0");
    expect(fs.existsSync(path.join(fx.s2, "src/junk.tmp"))).toBe(false);
    for (const file of ["secret.txt", "dist/bundle.js", "src/keep.tmp"]) expect(fs.existsSync(path.join(fx.s2, file))).toBe(true);
    expect(diffSnapshots(before, outsideSnapshot(fx, "s2"))).toEqual([]);
    // s1's own retry and s2's covered command.
    expect(JSON.parse(fx.hs(["grants", "--json"]).stdout)[0].uses).toBe(2);
  });

  it("a job grant covers neither another session nor an added option in its own", async () => {
    const first = await runIn(fx, "git reset -q --hard; echo rc=$?", { env: SHORT });
    const id = requestId(first.stderr)!;
    expect(fx.hs(["approve", id, "--scope", "job"]).code).toBe(0);
    expect((await runIn(fx, "git reset -q --hard; echo rc=$?", { env: SHORT })).stdout).toContain("rc=0");
    fs.writeFileSync(path.join(fx.s1, "src/app.ts"), "edited again\n");
    const before = outsideSnapshot(fx);
    // Same rule (git.reset.hard), wider: another commit to land on, a recurse into submodules.
    for (const command of ["git reset -q --hard --recurse-submodules", "git reset -q --hard HEAD~1"]) {
      const result = await runIn(fx, `${command}; echo rc=$?`, { env: SHORT });
      expect(result.stdout, `${command}\n${result.stderr}`).toContain("rc=77");
    }
    expect(fs.readFileSync(path.join(fx.s1, "src/app.ts"), "utf8")).toBe("edited again\n");
    const other = await runIn(fx, "git reset -q --hard; echo rc=$?", { id: "s2", cwd: fx.s2, env: SHORT });
    expect(other.stdout).toContain("rc=77");
    expect(diffSnapshots(before, outsideSnapshot(fx))).toEqual([]);
  });
});
