import { expect, test } from "vitest";
import { scopesMayOverlap } from "../../src/scope/index.ts";

test.each([
  [["src/**"], ["docs/**"]],
  [["src/a/**"], ["src/b/**"]],
  [["src"], ["srcx/**"]],
  [["src/a.ts"], ["src/b.ts"]],
  [["*.ts"], ["*.md"]],
  [["src/*.ts"], ["src/*.tsx"]],
  [["src/**/*.ts"], ["src/**/*.md"]],
  [["a*"], ["b*"]],
  [["{src,test}/**"], ["docs/**", "bench/**"]],
  [["package.json"], ["src/**", "README.md"]],
  [["src/*/a.ts"], ["src/*/b.ts"]],
  [["src/*"], ["src/a/*"]],
  [[], ["**"]],
])("%j and %j are disjoint", (a, b) => expect(scopesMayOverlap(a, b)).toEqual({ overlap: false }));

test.each([
  [["src/**"], ["**/*.ts"], "src/x.ts", ["src/**", "**/*.ts"]],
  [["src"], ["src/a/**"], "src/a", ["src", "src/a/**"]],
  [["src"], ["src/a.ts"], "src/a.ts", ["src", "src/a.ts"]],
  [["src/**"], ["src"], "src", ["src/**", "src"]],
  [["**"], ["docs/**"], "docs", ["**", "docs/**"]],
  [["*"], [".env"], ".env", ["*", ".env"]],
  [["docs/**", "src/**"], ["test/**", "src/a/**"], "src/a", ["src/**", "src/a/**"]],
  [["{src,lib}/**"], ["lib/x.ts"], "lib/x.ts", ["{src,lib}/**", "lib/x.ts"]],
  [["a*"], ["*b"], "axb", ["a*", "*b"]],
  [["src"], ["src/*"], "src/x", ["src", "src/*"]],
  [["*/**"], ["a"], "a/x", ["*/**", "a"]],
  [["**"], ["**"], "x", ["**", "**"]],
  [["src/*.ts"], ["src/a*"], "src/ax.ts", ["src/*.ts", "src/a*"]],
  [["**/test/**"], ["src/**"], "src/test", ["**/test/**", "src/**"]],
  [["**/*.test.ts"], ["**/*.ts"], "x.test.ts", ["**/*.test.ts", "**/*.ts"]],
  [["src/[ab].ts"], ["src/[bc].ts"], "src/b.ts", ["src/[ab].ts", "src/[bc].ts"]],
  [["@(src|lib)/**"], ["docs/**"], "@(src|lib)/** ~ docs/**", ["@(src|lib)/**", "docs/**"]],
  [["!(src)/**"], ["src/**"], "!(src)/** ~ src/**", ["!(src)/**", "src/**"]],
])("%j and %j overlap at %j", (a, b, example, globs) => expect(scopesMayOverlap(a, b)).toEqual({ overlap: true, example, globs }));
