// FAST_PATH is data for the sh fast path: everything it accepts must classify "allow", and the
// slow-path triggers it lists must cover the risky spellings classify cares about.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify, FAST_PATH } from "../../../src/shim/policy/index.ts";
import { buildFixture, type Fixture } from "./fixture.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx.cleanup());

/** The sh `case` glob semantics for the patterns used (`*` only). */
const globMatch = (pattern: string, word: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, ".*")}$`).test(word);

const forms: string[][] = [
  ...FAST_PATH.subcommands.flatMap((s) => FAST_PATH.globalOptions.map((g) => ["git", g, s]).concat([["git", s]])),
  ...FAST_PATH.listingForms.flatMap((f) => {
    const head = ["git", f.subcommand, ...("second" in f ? [f.second] : [])];
    return [head, ...f.allowedArgs.map((a) => [...head, a])];
  }),
];

describe("FAST_PATH", () => {
  it.each(forms.map((f) => [f.join(" "), f] as const))("%s classifies allow", (_n, argv) => {
    expect(classify(fx.ctx([...argv])).decision).toBe("allow");
  });
  it.each([["--output=x"], ["--out", "x"], ["--ext-diff"], ["--upload-pack=x"], ["--exec=x"], ["-Ovi"], ["../s2"], ["/etc"], ["--contents=../s2/x"], ["--contents", "link/x"], ["--exclude-from=x"], ["-Xfile"]])(
    "%s sends the call to the slow path",
    (...words) => {
      expect(words.some((w) => FAST_PATH.unsafeArgPatterns.some((p) => globMatch(p, w)))).toBe(true);
    },
  );
  it("no fast-path global option is a -c/-C/--git-dir style option", () => {
    for (const g of FAST_PATH.globalOptions) expect(["-c", "-C", "--git-dir", "--work-tree", "--exec-path"]).not.toContain(g);
  });
});
