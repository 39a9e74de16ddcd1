// The rule list is documented (README lists every id) and overrides only tighten.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify, RULES } from "../../../src/shim/policy/index.ts";
import { buildFixture, type Fixture } from "./fixture.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx.cleanup());

describe("RULES", () => {
  const readme = readFileSync(new URL("../../../src/shim/policy/README.md", import.meta.url), "utf8");
  it.each(RULES.map((r) => [r.id, r] as const))("%s is documented with its decision", (id, r) => {
    expect(readme).toContain(`| \`${id}\` | ${r.decision} |`);
  });
  it("ids are unique", () => expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length));
  it("every ask hint names the approval command", () => {
    for (const r of RULES.filter((x) => x.decision === "ask")) expect(r.hint).toContain("hs approve {request}");
  });
  it("every deny has a hint", () => {
    for (const r of RULES.filter((x) => x.decision === "deny")) expect(r.hint.length).toBeGreaterThan(5);
  });
});

describe("ruleOverrides only tighten", () => {
  const run = (argv: string, overrides: Record<string, "ask" | "deny">) => classify(fx.ctx(argv.split(" "), ".", { ruleOverrides: overrides }));
  it("allow -> ask", () => expect(run("git status", { "safe.read-only": "ask" })).toMatchObject({ decision: "ask", rule: "safe.read-only", hint: "hs approve {request}" }));
  it("ask -> deny", () => expect(run("git reset --hard", { "git.reset.hard": "deny" })).toMatchObject({ decision: "deny", rule: "git.reset.hard" }));
  it("deny stays deny", () => expect(run("git add .GOV/policy.md", { "scope.governance": "ask" }).decision).toBe("deny"));
  it("a deny hint never offers approval", () => expect(run("git reset --hard", { "git.reset.hard": "deny" }).hint).not.toContain("{request}"));
  it("deny fills the worktree into the hint", () => expect(run("git -C ../s2 status", {}).hint).toContain(fx.w));
});

describe("lock isolation: the session shares the main checkout", () => {
  const lock = (argv: string) => {
    const ctx = fx.ctx(argv.split(" "));
    const main = ctx.repo.mainRoot;
    return classify({ ...ctx, cwd: main, session: { ...ctx.session, worktree: main, gitDir: ctx.repo.commonDir, scope: ["src/**"], isolation: "lock" } });
  };
  it.each([
    ["git status", "allow"],
    ["git add src/app.ts", "allow"],
    ["git add README.md", "ask"],
    ["rm README.md", "ask"],
    ["rm -rf src/lib", "allow"],
    ["rm -rf .", "deny"],
    ["rm -rf .git", "deny"],
    ["rm -rf .handshake", "deny"],
    ["git -C ../wts/s2 status", "deny"],
    ["rm -rf ../wts/s1", "deny"],
    ["git reset --hard", "ask"],
    ["git --git-dir=.git status", "allow"],
  ])("%s -> %s", (argv, want) => expect(lock(argv).decision).toBe(want));
});

describe("paths for previews", () => {
  it("rm lists every resolved operand", () => {
    const d = classify(fx.ctx(["rm", "-rf", "build", "src/../a.log"]));
    expect(d).toMatchObject({ decision: "allow", paths: [`${fx.w}/build`, `${fx.w}/a.log`] });
  });
  it("a refused operand shows its real target", () => {
    const d = classify(fx.ctx(["git", "add", "../s2/README.md"]));
    expect(d.paths).toContain(`${fx.dir}/wts/s2/README.md`);
  });
  it("path records never tighten a decision, even when safe.in-scope is overridden", () => {
    expect(classify(fx.ctx(["git", "log", "--", "src"], ".", { ruleOverrides: { "safe.in-scope": "ask" } })).decision).toBe("allow");
  });
  it("subcommand is the resolved one after alias expansion", () => {
    expect(classify(fx.ctx(["git", "co", "feature"], ".", { aliases: { co: "checkout" } })).subcommand).toBe("checkout");
  });
});
