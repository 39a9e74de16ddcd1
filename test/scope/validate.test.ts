import { expect, test } from "vitest";
import { validateScopeGlob } from "../../src/scope/index.ts";

test.each([
  ["src/**", "src/**"],
  ["./src/a.ts", "src/a.ts"],
  ["././src", "src"],
  ["src/", "src/**"],
  ["src//a/./b", "src/a/b"],
  [".", "**"],
  ["./", "**"],
  ["**/*.ts", "**/*.ts"],
  ["{src,test}/**", "{src,test}/**"],
  ["a..b/c", "a..b/c"],
  ["{a..c}/x", "{a..c}/x"],
  ["..foo/x", "..foo/x"],
  [".github/**", ".github/**"],
  ["node_modules/@types", "node_modules/@types"],
  ["!(a)/b", "!(a)/b"],
])("accepts %j as %j", (glob, normalized) => expect(validateScopeGlob(glob)).toEqual({ ok: true, normalized }));

test.each([
  ["", "empty"],
  ["   ", "empty"],
  ["/etc/**", "absolute"],
  ["~/x", "absolute"],
  ["~", "absolute"],
  ["C:/x", "absolute"],
  ["C:\\x", "backslash"],
  ["src\\a.ts", "backslash"],
  ["a\0b", "NUL"],
  ["..", "escapes"],
  ["../x", "escapes"],
  ["a/../../x", "escapes"],
  ["src/..", "escapes"],
  ["{..,a}/x", "escapes"],
  ["{a,..}/x", "escapes"],
  ["@(..|a)/x", "escapes"],
  ["+(..)/x", "escapes"],
  [".{.,}/x", "escapes"],
  ["{.,x}./x", "escapes"],
  ["!src/**", "negated"],
  ["{1..5000}", "brace expansion too large"],
])("rejects %j (%s)", (glob, reason) => expect(validateScopeGlob(glob)).toMatchObject({ ok: false, reason: expect.stringContaining(reason) }));
