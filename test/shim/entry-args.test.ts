// The shim's call into `hs __gate`: only the exact shape the templates produce is accepted (fail closed).
import { describe, expect, it } from "vitest";
import { parseGateArgs } from "../../src/shim/entry.ts";

describe("parseGateArgs", () => {
  it("reads tool, session, workspace and keeps the argv after -- untouched", () => {
    expect(parseGateArgs(["git", "--session", "s1", "--workspace", "/r/.handshake", "--", "commit", "--", "-m", "--session"])).toEqual({
      tool: "git", sessionId: "s1", handshakeDir: "/r/.handshake", args: ["commit", "--", "-m", "--session"],
    });
    expect(parseGateArgs(["rm", "--workspace", "/w", "--session", "s", "--"])).toEqual({ tool: "rm", sessionId: "s", handshakeDir: "/w", args: [] });
  });
  it.each([[["curl", "--session", "s", "--workspace", "/w", "--"]], [["git", "--session", "s", "--"]], [["git", "--session", "s", "--workspace", "/w", "status"]], [["git", "--bogus", "--"]], [[]]])(
    "%j is refused",
    (argv) => {
      expect(parseGateArgs(argv)).toBeUndefined();
    },
  );
});
