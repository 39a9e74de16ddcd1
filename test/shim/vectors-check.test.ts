// The public vectors through `hs check` on the real hs fixture: every deny case is not allowed (exit 77),
// every allow case is allowed (exit 0), each run from the case's cwd inside session s1's worktree.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hsAsync, type HsResult } from "../helpers/hs.ts";
import { argvVectors, buildHsFixture, pool, type ArgvVector, type HsFixture } from "./hs-fixture.ts";

const vectors = argvVectors();
let fx: HsFixture;
const results = new Map<string, HsResult>();

beforeAll(async () => {
  fx = buildHsFixture();
  await pool(vectors, 8, async (v: ArgvVector) => {
    results.set(v.id, await hsAsync(["check", "--json", "--", ...v.argv], { cwd: path.join(fx.s1, v.cwd_rel) }));
  });
}, 300_000);
afterAll(() => fx?.cleanup());

function verdict(v: ArgvVector): { code: number; decision: string; rule: string; reason: string } {
  const result = results.get(v.id)!;
  const body = JSON.parse(result.stdout || "{}");
  return { code: result.code, decision: body.decision, rule: body.rule, reason: body.reason ?? result.stderr };
}

describe("guard-argv.json through hs check (real hs sessions s1/s2)", () => {
  it("covers all 259 public vectors", () => {
    expect(vectors.length).toBe(259);
  });
  it.each(vectors.filter((v) => v.expect === "deny").map((v) => [v.id, v] as const))("%s is not allowed", (_id, v) => {
    const got = verdict(v);
    expect(got.decision, `${v.argv.join(" ")} (${v.why}) -> ${got.rule}`).toMatch(/^(ask|deny)$/);
    expect(got.code).toBe(77);
  });
  it.each(vectors.filter((v) => v.expect === "allow").map((v) => [v.id, v] as const))("%s is allowed", (_id, v) => {
    const got = verdict(v);
    expect(got.decision, `${v.argv.join(" ")} -> ${got.rule}: ${got.reason}`).toBe("allow");
    expect(got.code).toBe(0);
  });
});
