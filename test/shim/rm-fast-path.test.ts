// Scope globs become sh patterns that never match more than the glob (an rm fast path must stay in scope);
// governance globs become patterns that never match less. Checked against the scope module's matcher.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { governancePatterns, scopePatterns } from "../../src/shim/rm-fast-path.ts";
import { isGovernancePath, isInScope } from "../../src/scope/index.ts";

const PATHS = [
  "src/app.ts", "src/lib/util.ts", "src/.hidden", "src", "srcx/a.ts", "docs/guide.md", "docs/a/b.md", "README.md", ".GOV/policy.md",
  ".GOV", ".GOVERNANCE.md", ".handshake/gov/x", "a/src/b.ts", "build/out.o", "my dir/f", "x.md", "src-old/a", "docs/x.mdx",
];

function shMatches(patterns: string[], paths: string[]): boolean[] {
  if (!patterns.length) return paths.map(() => false);
  const script = `for p in "$@"; do case "$p" in ${patterns.join("|")}) echo y ;; *) echo n ;; esac; done`;
  return spawnSync("/bin/sh", ["-c", script, "sh", ...paths], { encoding: "utf8" }).stdout.trim().split("\n").map((line) => line === "y");
}

describe("rm fast-path patterns", () => {
  it.each([["src/**"], ["src"], ["**"], ["src/*.ts"], ["docs/**/*.md"], ["*.md"], ["my dir/**"], ["{src,docs}/**"], ["src/"], ["../x/**"]])("scope %s: the sh pattern never matches outside the glob", (glob) => {
    const sh = shMatches(scopePatterns(glob), PATHS);
    PATHS.forEach((file, index) => {
      if (sh[index]) expect(isInScope(file, [glob]), `${file} matched sh but not ${glob}`).toBe(true);
    });
  });
  it("translates the common scope forms exactly", () => {
    expect(scopePatterns("src/**")).toEqual(["src/*"]);
    expect(scopePatterns("**")).toEqual(["*"]);
    expect(scopePatterns("src/*.ts")).toEqual([]);
  });
  it.each([[".GOV/**"], [".handshake/gov/**"], ["docs/*.md"], ["**/secret"], ["!x"], ["*.md"], ["my dir/**"], ["{a,b}/c"]])("governance %s: the sh pattern covers every governed path", (glob) => {
    const sh = shMatches(governancePatterns(glob), PATHS);
    PATHS.forEach((file, index) => {
      if (isGovernancePath(file, [glob])) expect(sh[index], `${file} is governed by ${glob} but sh missed it`).toBe(true);
    });
  });
});
