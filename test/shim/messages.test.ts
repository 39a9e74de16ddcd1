import { describe, expect, it } from "vitest";
import { afterDenial } from "../../src/shim/messages.ts";
import { RULES } from "../../src/shim/policy/index.ts";

describe("what an agent reads after the operator denied its request", () => {
  it.each([
    ["hs approve ap-1  (or keep the work first: git commit -am wip)", "git commit -am wip"],
    ["hs approve ap-1  (preview first: git clean -n)", "git clean -n"],
    ["hs approve ap-1  (safe delete: git branch -d <branch>)", "git branch -d <branch>"],
    ["hs approve ap-1", undefined],
  ])("%s", (hint, alternative) => {
    const text = afterDenial(hint);
    expect(text).not.toContain("hs approve");
    expect(text).toContain("do not run it again");
    if (alternative) expect(text).toContain(alternative);
  });

  it("never tells an agent to use git stash, which sessions cannot write (refs/stash is shared)", () => {
    for (const rule of RULES) expect(rule.hint, rule.id).not.toMatch(/git stash push/);
  });
});
