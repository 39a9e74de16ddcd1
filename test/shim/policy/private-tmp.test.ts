// rm in the sandbox's private /tmp: allowed only when the command runs in the session's sandbox (the host
// sets privateTmp); without it (hs session env shells, degraded sessions) /tmp is the host's and rm asks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../../src/shim/policy/index.ts";
import { buildFixture, type Fixture } from "./fixture.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx.cleanup());

const decide = (argv: string[], privateTmp: boolean) => {
  const ctx = fx.ctx(argv);
  ctx.session.privateTmp = privateTmp;
  return classify(ctx);
};

describe("rm under /tmp", () => {
  it.each([
    [["rm", "/tmp/parallel-tmp-x"], true, "allow"],
    [["rm", "-rf", "/tmp/build-cache"], true, "allow"],
    [["rm", "/tmp/parallel-tmp-x"], false, "ask"],
    [["rm", "-rf", "/etc/hosts"], true, "ask"],
  ] as const)("%j privateTmp=%s -> %s", (argv, privateTmp, decision) => {
    expect(decide([...argv], privateTmp).decision).toBe(decision);
  });

  it("the session's own worktree ancestors under /tmp still ask", () => {
    expect(decide(["rm", "-rf", fx.dir], true).decision).not.toBe("allow");
  });
});
