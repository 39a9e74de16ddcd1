import { expect, test } from "vitest";
import { scopeIsWithin } from "../../src/scope/index.ts";

test.each([
  [["src/a/**"], ["src/**"]],
  [["src/a.ts"], ["src"]],
  [["src/a"], ["src/**"]],
  [["src/**/*.ts"], ["src/**"]],
  [["src/*.ts"], ["src/**/*.ts"]],
  [["src/a/*.test.ts"], ["src/**/*.ts"]],
  [["src/*.ts"], ["src/*"]],
  [["src/a*.ts"], ["src/a*"]],
  [["{src,test}/**"], ["src/**", "test/**"]],
  [["src/**"], ["**"]],
  [["**"], ["**"]],
  [["@(a|b)/**"], ["@(a|b)/**"]],
  [[], ["src/**"]],
  [[".github/**"], ["**"]],
])("%j is within %j", (child, parent) => expect(scopeIsWithin(child, parent)).toEqual({ ok: true }));

test.each([
  [["**"], ["src/**"], "**", "x"],
  [["src/**"], ["src/*"], "src/**", "src"],
  [["src/**"], ["src/a/**"], "src/**", "src/x"],
  [["src/*.ts"], ["src/*.md"], "src/*.ts", "src/x.ts"],
  [["docs/**"], [], "docs/**", "docs/x"],
  [["@(a|b)/**"], ["**/a/**"], "@(a|b)/**", "@(a|b)/**"],
])("%j is not within %j: %j, e.g. %j", (child, parent, glob, example) =>
  expect(scopeIsWithin(child, parent)).toEqual({ ok: false, glob, example }),
);

test.each([
  [["**"], ["src/**"], "**"],
  [["src/**"], ["src/*"], "src/**"],
  [["src"], ["src/*"], "src"],
  [["src/**"], ["src/a/**"], "src/**"],
  [["src/*.ts"], ["src/*.md"], "src/*.ts"],
  [["*.ts"], ["src/**"], "*.ts"],
  [["docs/**", "src/a"], ["src/**"], "docs/**"],
  [["@(a|b)/**"], ["**/a/**", "**/b/**"], "@(a|b)/**"],
  [["src/**"], ["!(docs)/**"], "src/**"],
  [["src/*.ts"], ["src/[a-z]*"], "src/*.ts"],
  [["src/a*b"], ["src/*a*"], "src/a*b"],
  [["src/a.ts"], [], "src/a.ts"],
])("%j is not within %j (first offending glob %j)", (child, parent, glob) =>
  expect(scopeIsWithin(child, parent)).toMatchObject({ ok: false, glob }),
);
