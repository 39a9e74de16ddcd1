import { expect, test } from "vitest";
import { createPathMatcher, isInScope } from "../../src/scope/index.ts";

test.each([
  [["src/**"], "src/a.ts", true],
  [["src/**"], "src", true],
  [["src/**"], "srcx/a.ts", false],
  [["src/**"], "test/src/a.ts", false],
  [["src"], "src/a/b/c.ts", true],
  [["src"], "src", true],
  [["src"], "srcx", false],
  [["src/a.ts"], "src/a.ts", true],
  [["src/a.ts"], "src/a.tsx", false],
  [["node_modules/@types"], "node_modules/@types/x/index.d.ts", true],
  [["*.ts"], "a.ts", true],
  [["*.ts"], "src/a.ts", false],
  [["**/*.ts"], "a.ts", true],
  [["**/*.ts"], "src/deep/a.ts", true],
  [["*"], ".env", true],
  [["**"], ".github/workflows/ci.yml", true],
  [["src/**"], "src/.hidden/x", true],
  [[".github"], ".github/workflows/ci.yml", true],
  [["{src,test}/**"], "test/a.ts", true],
  [["src/*/index.ts"], "src/a/index.ts", true],
  [["src/*/index.ts"], "src/a/b/index.ts", false],
  [["src/**"], "src/a/../../etc/passwd", false],
  [["**"], "../x", false],
  [["**"], "/etc/passwd", false],
  [["**"], "", false],
  [["src/**"], "./src/a.ts", true],
  [["src/**"], "src//a.ts", true],
  [[], "a", false],
  [["a", "b/**"], "b/c", true],
])("%j matches %j: %s", (globs, path, expected) => expect(createPathMatcher(globs)(path)).toBe(expected));

test.each([
  ["src/a.ts", ["src"], true],
  ["docs/a.md", ["src", "test/**"], false],
])("isInScope(%j, %j) is %s", (path, scope, expected) => expect(isInScope(path, scope)).toBe(expected));

// Not a benchmark: nothing is timed; the matcher compiles once and is then called per path.
test("matches 10,000 paths against 5 globs", () => {
  const match = createPathMatcher(["src/**", "test/**/*.test.ts", "docs", "*.md", "{bench,scripts}/**"]);
  const shapes = ["src/a/f%.ts", "test/a/f%.test.ts", "lib/f%.ts", "docs/f%.md"]; // the third is out of scope
  const paths = Array.from({ length: 10_000 }, (_, i) => shapes[i % 4]!.replace("%", String(i)));
  expect(paths.filter(match).length).toBe(7500);
});
