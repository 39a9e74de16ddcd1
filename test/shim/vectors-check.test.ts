// The public vectors through `hs check` on the real hs fixture (s1, s2 are hs sessions): every deny case
// is not allowed, every allow case is allowed, each classified from the case's cwd inside s1's worktree.
// All 259 go through one `hs check --batch` process; a sample also runs as separate `hs check -- ARGV`
// invocations to prove the exit codes (0 allow, 77 otherwise).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs, hsAsync, type HsResult } from "../helpers/hs.ts";
import { argvVectors, buildHsFixture, pool, type ArgvVector, type HsFixture } from "./hs-fixture.ts";

const vectors = argvVectors();
let fx: HsFixture;
const verdicts = new Map<string, { decision: string; rule: string; reason: string }>();
const single = new Map<string, HsResult>();
const SAMPLE = vectors.filter((_, index) => index % 13 === 0);

beforeAll(async () => {
  fx = buildHsFixture();
  const input = vectors.map((v) => JSON.stringify({ argv: v.argv, cwd: path.join(fx.s1, v.cwd_rel) })).join("\n");
  const batch = hs(["check", "--batch"], { cwd: fx.s1, input });
  expect(batch.code, batch.stderr).toBe(0);
  batch.stdout.trim().split("\n").forEach((line, index) => verdicts.set(vectors[index]!.id, JSON.parse(line)));
  await pool(SAMPLE, 6, async (v: ArgvVector) => {
    single.set(v.id, await hsAsync(["check", "--json", "--", ...v.argv], { cwd: path.join(fx.s1, v.cwd_rel) }));
  });
}, 300_000);
afterAll(() => fx?.cleanup());

describe("guard-argv.json through hs check (real hs sessions s1/s2)", () => {
  it("covers all 259 public vectors", () => {
    expect(vectors.length).toBe(259);
    expect(verdicts.size).toBe(259);
  });
  it.each(vectors.filter((v) => v.expect === "deny").map((v) => [v.id, v] as const))("%s is not allowed", (_id, v) => {
    const got = verdicts.get(v.id)!;
    expect(got.decision, `${v.argv.join(" ")} (${v.why}) -> ${JSON.stringify(got)}`).toMatch(/^(ask|deny)$/);
  });
  it.each(vectors.filter((v) => v.expect === "allow").map((v) => [v.id, v] as const))("%s is allowed", (_id, v) => {
    const got = verdicts.get(v.id)!;
    expect(got.decision, `${v.argv.join(" ")} -> ${JSON.stringify(got)}`).toBe("allow");
  });
  it.each(SAMPLE.map((v) => [v.id, v] as const))("hs check -- %s exits 0 only when allowed and agrees with the batch", (_id, v) => {
    const result = single.get(v.id)!;
    const body = result.json();
    expect(body.decision).toBe(verdicts.get(v.id)!.decision);
    expect(result.code).toBe(v.expect === "allow" ? 0 : 77);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["decision", "rule", "reason", "hint"]));
  });
  it("outside every session worktree there is nothing to check against", () => {
    const result = hs(["check", "--", "git", "reset", "--hard"], { cwd: fx.main });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/HS-SESSION-NOT-FOUND[\s\S]*next: hs check --session s1 -- git reset --hard/);
  });
  it("--session picks the session explicitly (as for lock-mode sessions)", () => {
    const result = hs(["check", "--json", "--session", "s1", "--", "git", "reset", "--hard"], { cwd: fx.s1 });
    expect(result.code).toBe(77);
    expect(result.json()).toMatchObject({ decision: "ask", session_id: "s1" });
  });
});
