// Who counts as being inside a session: the pure marker check over a process's cmdline and environ, and
// sessionEvidence for the environment (worktree cwd and real ancestry are covered end to end in e2e.test.ts).
import os from "node:os";
import { describe, expect, it } from "vitest";
import { sessionMarker } from "../../src/shim/ancestry.ts";
import { assertOperator, sessionEvidence } from "../../src/shim/operator.ts";
import { HsError } from "../../src/errors.ts";

describe("sessionMarker", () => {
  it.each([
    [["bash"], ["HS_SESSION_ID=s1"], /HS_SESSION_ID/],
    [["bash"], ["HS_SHIM=1"], /HS_SHIM/],
    [["bash"], ["HS_HOST_SOCKET=/x/host.sock"], /HS_HOST_SOCKET/],
    [["node", "/repo/dist/hs.js", "__host", "run", "s1"], [], /session host/],
    [["/usr/bin/node", "/repo/dist/hs.js", "__gate", "git", "--session", "s1"], [], /gate/],
    [["/bin/sh", "/repo/.handshake/sessions/s1/bin/git", "status"], [], /shim/],
  ])("%j %j is part of a session", (cmdline, environ, why) => {
    expect(sessionMarker(cmdline, environ)).toMatch(why);
  });
  it.each([
    [["bash"], ["HOME=/root", "HS_SESSION_ID="]],
    [["vim", "notes about __gate"], []],
    [["node", "dist/hs.js", "approve", "ap-1"], ["PATH=/usr/bin"]],
  ])("%j %j is not", (cmdline, environ) => {
    expect(sessionMarker(cmdline, environ)).toBeUndefined();
  });
});

describe("assertOperator", () => {
  it("refuses with HS-OPERATOR-ONLY, the evidence and the next command when the session environment is present", () => {
    expect(sessionEvidence({ env: { HS_SHIM: "1" }, cwd: os.tmpdir() })).toMatch(/HS_SHIM is set/);
    try {
      assertOperator("approve ap-1", { env: { HS_SESSION_ID: "s1" }, cwd: os.tmpdir() });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HsError);
      expect((error as HsError).code).toBe("HS-OPERATOR-ONLY");
      expect((error as HsError).exitCode).toBe(77);
      expect((error as HsError).hint).toContain("hs approve ap-1");
    }
  });
  it("lets the operator through (no session env, cwd outside worktrees, no session ancestor)", () => {
    expect(() => assertOperator("approve ap-1", { env: { PATH: "/usr/bin" }, cwd: os.tmpdir() })).not.toThrow();
  });
});
