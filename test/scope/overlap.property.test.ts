import fc from "fast-check";
import { expect, test } from "vitest";
import { createPathMatcher, scopesMayOverlap } from "../../src/scope/index.ts";
import { ALL_PATHS, scopeArb } from "./arbitraries.ts";

test("scopesMayOverlap never says disjoint when some path matches both (micromatch is the oracle)", () => {
  fc.assert(
    fc.property(scopeArb, scopeArb, (a, b) => {
      const ma = createPathMatcher(a);
      const mb = createPathMatcher(b);
      const shared = ALL_PATHS.find((p) => ma(p) && mb(p));
      if (shared !== undefined) expect(scopesMayOverlap(a, b), `shared path ${shared}`).toMatchObject({ overlap: true });
    }),
    { numRuns: 1500 },
  );
});

test("a concrete overlap example is a path both scopes match", () => {
  fc.assert(
    fc.property(scopeArb, scopeArb, (a, b) => {
      const result = scopesMayOverlap(a, b);
      if (result.overlap && !result.example.includes(" ~ ")) {
        expect(createPathMatcher(a)(result.example) && createPathMatcher(b)(result.example)).toBe(true);
      }
    }),
    { numRuns: 1500 },
  );
});
