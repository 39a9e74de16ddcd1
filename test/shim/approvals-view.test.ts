// What the operator's terminal shows of a request: the command as filed, with secrets redacted exactly as
// the Flight Recorder redacts them (a session that runs `git push --password x` must not print x on screen).
import { describe, expect, it } from "vitest";
import { argvText, requestJson, requestLines } from "../../src/shim/approvals/view.ts";
import type { ApprovalRequest } from "../../src/shim/approvals/types.ts";

function request(argv: string[]): ApprovalRequest {
  return {
    id: "req-1", sessionId: "s1", workspaceId: "w", wp: null, mt: null, tool: "git", argv, cwd: "/repo",
    rule: "git.push.force", reason: "force push", hint: "hs approve {request}", grantable: true, preview: [],
    status: "pending", createdAt: "2026-12-02T10:00:00.000Z", expiresAt: "2026-12-02T11:00:00.000Z",
    decidedAt: null, decidedBy: null, decisionScope: null, decisionReason: null, grantId: null, waiterPid: null,
    consumedAt: null, unwaitedSince: null, shape: null,
  };
}

const ARGV = ["git", "push", "--force", "https://bot:ghp_abcdefghijklmnop1234@example.com/r.git", "--password", "hunter2", "--token=s3cr3t", "main"];

describe("approval displays redact secrets", () => {
  it("argvText, the request lines and --json carry no secret but keep the rest of the command", () => {
    const text = argvText(ARGV);
    const lines = requestLines(request(ARGV), undefined, new Date("2026-12-02T10:01:00.000Z")).join("\n");
    const json = JSON.stringify(requestJson(request(ARGV)));
    for (const shown of [text, lines, json]) {
      expect(shown).not.toContain("hunter2");
      expect(shown).not.toContain("s3cr3t");
      expect(shown).not.toContain("ghp_abcdefghijklmnop1234");
      expect(shown).toContain("[REDACTED]");
      expect(shown).toContain("--force");
      expect(shown).toContain("main");
    }
    expect(requestJson(request(ARGV)).argv).toEqual([
      "git", "push", "--force", "https://bot:[REDACTED]@example.com/r.git", "--password", "[REDACTED]", "--token=[REDACTED]", "main",
    ]);
  });

  it("a command without secrets is shown unchanged", () => {
    expect(argvText(["git", "reset", "--hard", "HEAD"])).toBe("git reset --hard HEAD");
  });
});
