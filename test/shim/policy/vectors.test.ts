// The public vectors (../shared/test-vectors) against the real fixture: every deny case is not
// allowed, every allow case is allowed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../../src/shim/policy/index.ts";
import { buildFixture, VECTORS_DIR, type Fixture } from "./fixture.ts";

interface Vector {
  id: string;
  argv: string[];
  cwd_rel: string;
  expect: "allow" | "deny";
  why: string;
}

const vectors = JSON.parse(readFileSync(join(VECTORS_DIR, "guard-argv.json"), "utf8")) as Vector[];
let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx.cleanup());

describe("guard-argv.json", () => {
  it.each(vectors.filter((v) => v.expect === "deny").map((v) => [v.id, v] as const))("%s is not allowed", (_id, v) => {
    expect(classify(fx.ctx(v.argv, v.cwd_rel)).decision, `${v.argv.join(" ")} (${v.why})`).not.toBe("allow");
  });
  it.each(vectors.filter((v) => v.expect === "allow").map((v) => [v.id, v] as const))("%s is allowed", (_id, v) => {
    const d = classify(fx.ctx(v.argv, v.cwd_rel));
    expect(d.decision, `${v.argv.join(" ")} -> ${d.rule}: ${d.reason}`).toBe("allow");
  });
});
