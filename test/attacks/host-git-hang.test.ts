// A session cannot hang the operator's side: a named pipe planted where git reads a file (.gitignore) blocks
// plain git forever, and host-side git in a session's directory is stopped after HS_SESSION_GIT_TIMEOUT_MS with
// HS-GIT-TIMEOUT and a command that finds the pipe. Nothing outside the session changes.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attack, buildFixture, expectSharedFsckClean, type Fixture } from "./harness.ts";
import { hs } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "p1", scope: ["src/**"] }] });
});
afterAll(() => fx?.cleanup());

const TIMEOUT_MS = 2000;
const operator = (args: string[]) => {
  const started = Date.now();
  const result = hs(args, { cwd: fx.main, env: { HS_SESSION_GIT_TIMEOUT_MS: String(TIMEOUT_MS) } });
  return { ...result, ms: Date.now() - started };
};

describe("a named pipe as .gitignore in a session worktree", () => {
  it("stops host-side git with HS-GIT-TIMEOUT instead of hanging the operator's command", async () => {
    const worktree = path.join(fx.wts, "p1");
    const planted = await attack(fx, "mkfifo src/.gitignore && test -p src/.gitignore", "p1");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.changes).toEqual([]);

    // Control: plain git in that worktree blocks on the pipe (timeout(1) ends it: exit 124).
    const plain = spawnSync("timeout", ["3", "git", "status", "--porcelain"], { cwd: worktree, env: cleanEnv(), encoding: "utf8" });
    expect(plain.status).toBe(124);

    for (const args of [["session", "diff", "p1"], ["merge-back", "p1"]]) {
      const result = operator(args);
      expect(result.code, `${args.join(" ")}: ${result.stdout}${result.stderr}`).not.toBe(0);
      expect(result.stderr).toContain("HS-GIT-TIMEOUT");
      expect(result.stderr).toContain(`find ${worktree} -type p`);
      expect(result.ms).toBeLessThan(TIMEOUT_MS * 4 + 15_000);
    }
    // The radar does not take a stopped scan for a clean worktree: it says why it has no answer.
    const radar = operator(["conflicts", "--json"]);
    expect(radar.code, radar.stderr).toBe(0);
    const row = (JSON.parse(radar.stdout) as { sessions: Array<{ id: string; scan_error: string | null }> }).sessions.find((entry) => entry.id === "p1");
    expect(row?.scan_error).toContain("did not finish in time");
    expectSharedFsckClean(fx);
  });
});
