import fc from "fast-check";
import { expect, test } from "vitest";
import { createPathMatcher, scopeIsWithin } from "../../src/scope/index.ts";
import { ALL_PATHS, scopeArb } from "./arbitraries.ts";

test("scopeIsWithin says ok only when no path matches the child without matching the parent", () => {
  fc.assert(
    fc.property(scopeArb, scopeArb, (child, parent) => {
      if (!scopeIsWithin(child, parent).ok) return;
      const mc = createPathMatcher(child);
      const mp = createPathMatcher(parent);
      expect(ALL_PATHS.find((p) => mc(p) && !mp(p))).toBeUndefined();
    }),
    { numRuns: 1500 },
  );
});

test("every scope is within itself and within **", () => {
  fc.assert(
    fc.property(scopeArb, (scope) => {
      expect(scopeIsWithin(scope, scope)).toEqual({ ok: true });
      expect(scopeIsWithin(scope, ["**"])).toEqual({ ok: true });
    }),
  );
});
