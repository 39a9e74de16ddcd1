// Scope derivation: an MT's files.modify ∪ files.create becomes a session scope the overlap and
// containment checkers accept; an explicit --scope may only narrow it.
import { describe, expect, it } from "vitest";
import { mtScope, sessionScopeFor } from "../../src/work/scope.ts";
import { scopesMayOverlap } from "../../src/scope/index.ts";
import { mt } from "./records.ts";

const task = (modify: string[], create: string[] = []) =>
  mt("MT-001", "WP-1", { files: { read: ["**"], modify, create } });

describe("mtScope", () => {
  const cases: Array<[string[], string[], string[]]> = [
    [["src/cart/**"], [], ["src/cart/**"]],
    [["src/cart/**"], ["test/cart/new.test.ts"], ["src/cart/**", "test/cart/new.test.ts"]],
    [["src/a.ts", "src/a.ts"], ["src/a.ts"], ["src/a.ts"]],
    [["./docs/**"], [], ["docs/**"]],
  ];
  it.each(cases)("modify %j + create %j -> %j", (modify, create, expected) => {
    expect(mtScope(task(modify, create))).toEqual(expected);
  });

  it("files.read never widens the scope", () => {
    expect(mtScope(task(["src/x.ts"]))).toEqual(["src/x.ts"]);
  });

  it.each([
    [[], []],
    [["../outside/**"], []],
    [["/etc/passwd"], []],
  ])("refuses %j", (modify, create) => {
    expect(() => mtScope(task(modify, create))).toThrow(expect.objectContaining({ code: "HS-SCOPE-INVALID" }));
  });
});

describe("MT scopes and the overlap checker", () => {
  const pairs: Array<[string[], string[], boolean]> = [
    [["src/cart/**"], ["src/checkout/**"], false],
    [["src/cart/**", "docs/cart.md"], ["docs/**"], true],
    [["src/*.ts"], ["src/app.ts"], true],
    [["config/prices.json"], ["config/tax.json"], false],
  ];
  it.each(pairs)("%j vs %j overlap: %s", (a, b, overlap) => {
    expect(scopesMayOverlap(mtScope(task(a)), mtScope(task(b))).overlap).toBe(overlap);
  });
});

describe("sessionScopeFor", () => {
  const cart = task(["src/cart/**"], ["test/cart/**"]);
  it("takes the task's scope when none is given", () => {
    expect(sessionScopeFor(cart, [])).toEqual(["src/cart/**", "test/cart/**"]);
  });
  it("accepts a narrower explicit scope", () => {
    expect(sessionScopeFor(cart, ["src/cart/total.ts"])).toEqual(["src/cart/total.ts"]);
  });
  it.each([[["src/**"]], [["src/cart/**", "docs/**"]], [["**"]]])("refuses %j, wider than the task", (explicit) => {
    expect(() => sessionScopeFor(cart, explicit)).toThrow(expect.objectContaining({ code: "HS-SCOPE-WIDER-THAN-MT" }));
  });
});
