// The sh fast path keeps read-only git fast when the environment holds values the policy itself calls
// harmless; this proves classify() allows `git status` with each of them, so the shortcut decides the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../src/shim/policy/index.ts";
import { TOLERATED_VALUES } from "../../src/shim/fast-path-sh.ts";
import { buildFixture, type Fixture } from "./policy/fixture.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx.cleanup());

const cases = Object.entries(TOLERATED_VALUES).flatMap(([name, values]) => values.map((value) => [name, value] as const));

describe("tolerated environment values on the fast path", () => {
  it.each(cases)("%s=%j: classify allows git status", (name, value) => {
    expect(classify(fx.ctx(["git", "status"], ".", { env: { [name]: value } })).decision).toBe("allow");
  });
});
