// Class 9 of issue 8: governance paths match case-insensitively and after Unicode normalisation, in the
// gate, the hooks and merge-back. s1 (scope `**`, so only governance stands in the way) tries `.gov/…`,
// `.Gov/…`, an NFD spelling of a governance file and plumbing; everything is refused and recorded, and a
// commit that slipped past the hooks is still blocked by merge-back.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { buildFixture, type Fixture } from "../sandbox/fixture.ts";
import { spawnSync } from "node:child_process";
import { cleanEnv } from "../helpers/repo.ts";
import { attempt, attemptAll, events, expectFsckClean } from "./guard-fixture.ts";

const NFC = "gouvernance/r\u00e8gle.md";
const NFD = "gouvernance/re\u0300gle.md";
let fx: Fixture;

beforeAll(async () => {
  fx = buildFixture({ sessions: [] });
  const config = path.join(fx.main, ".handshake", "workspace.json");
  const json = JSON.parse(fs.readFileSync(config, "utf8"));
  fs.writeFileSync(config, JSON.stringify({ ...json, governance_paths: [...json.governance_paths, NFC] }, null, 2));
  fs.mkdirSync(path.join(fx.main, "gouvernance"));
  fs.writeFileSync(path.join(fx.main, NFC), "rule\n");
  fx.git(["add", "-A"]);
  fx.git(["commit", "-qm", "governance file with an accent"]);
  for (const [id, scope] of [["s1", "**"], ["s2", "src/**"]]) {
    const created = fx.hs(["session", "create", "--id", id!, "--scope", scope!]);
    expect(created.code, created.stderr).toBe(0);
  }
  const warm = await attempt(fx, "true");
  expect(warm.code, warm.stderr).toBe(0);
}, 60_000);
afterAll(() => fx?.cleanup());

const head = () => fx.git(["rev-parse", "refs/heads/hs/s1/work"]).trim();
const nfdBytes = "gouvernance/re$(printf '\\314\\200')gle.md";

describe("governance spelled another way, from inside s1", () => {
  it("the gate, the hooks (with and without --no-verify) and plumbing refuse every spelling", async () => {
    const before = head();
    const seen = events(fx, "hook.refused").length;
    const result = await attemptAll(fx, [
      ["gate: git add .gov/policy.md", "mkdir -p .gov && echo evil > .gov/policy.md && git add .gov/policy.md"],
      ["pre-commit: .gov/policy.md", "/usr/bin/git add .gov/policy.md && /usr/bin/git commit -qm lower"],
      ["reference-transaction: .Gov/Policy.md --no-verify", "/usr/bin/git reset -q; mkdir -p .Gov && echo evil > .Gov/Policy.md && /usr/bin/git add .Gov && /usr/bin/git commit -qnm mixed"],
      ["pre-commit: NFD spelling", `/usr/bin/git reset -q; echo evil > "${nfdBytes}" && /usr/bin/git add gouvernance && /usr/bin/git commit -qm nfd`],
      ["pre-commit: upper case with accent", `/usr/bin/git reset -q; mkdir -p GOUVERNANCE && echo evil > "GOUVERNANCE/R$(printf '\\303\\210')GLE.md" && /usr/bin/git add GOUVERNANCE && /usr/bin/git commit -qm upper`],
      [
        "plumbing: commit-tree + update-ref",
        "/usr/bin/git reset -q; /usr/bin/git add .gov/policy.md && t=$(/usr/bin/git write-tree) && c=$(echo x | /usr/bin/git commit-tree $t -p HEAD) && /usr/bin/git update-ref refs/heads/hs/s1/work $c",
      ],
    ]);
    for (const outcome of result.cases) expect(outcome.exit, `${outcome.name}: ${outcome.stderr}`).not.toBe(0);
    expect(result.cases[0]!.stderr).toContain("scope.governance");
    for (const outcome of result.cases.slice(1)) expect(outcome.stderr, outcome.name).toContain("HS-GOVERNANCE-PATH");
    expect(head()).toBe(before);
    expect(result.changes).toEqual([]);
    expect(events(fx, "hook.refused").length).toBeGreaterThanOrEqual(seen + 5);
    expectFsckClean(fx);
  });

  it("a commit that slipped past the hooks is blocked by merge-back, whatever the spelling; --apply moves nothing", () => {
    const wt = fx.s1;
    fs.writeFileSync(path.join(wt, ".gov", "policy.md"), "evil\n");
    fs.writeFileSync(path.join(wt, NFD), "evil\n");
    // Simulates a bypass of every hook (the operator's own git, hooks off) to test the last layer on its own.
    fx.git(["-c", "core.hooksPath=/dev/null", "add", "-f", ".gov/policy.md", NFD], wt);
    fx.git(["-c", "core.hooksPath=/dev/null", "commit", "-qm", "slipped through"], wt);
    fx.git(["-c", "core.hooksPath=/dev/null", "clean", "-qfd"], wt);
    fx.git(["-c", "core.hooksPath=/dev/null", "checkout", "-q", "--", "."], wt);
    const main = fx.git(["rev-parse", "main"]);
    const dry = fx.hs(["merge-back", "s1", "--json"]);
    expect(dry.code, dry.stderr).toBe(3);
    expect(dry.stdout).toContain("HS-MERGE-GOVERNANCE");
    expect(dry.stdout).toContain(".gov/policy.md");
    expect(dry.stdout.normalize("NFC")).toContain(NFC);
    const apply = fx.hs(["merge-back", "s1", "--apply"]);
    expect(apply.code).toBe(3);
    expect(fx.git(["rev-parse", "main"])).toBe(main);
  });
});

describe("the hooks' Node-free pass (default governance, plain scope)", () => {
  it("a plain scope of `.gov/**` does not let the hooks' Node-free pass clear a commit into .GOV spelled in lower case", () => {
    const plain = buildFixture({ sessions: [{ id: "s3", scope: [".gov/**"] }] });
    onTestFinished(() => plain.cleanup());
    const wt = path.join(plain.wts, "s3");
    fs.mkdirSync(path.join(wt, ".gov"), { recursive: true });
    fs.writeFileSync(path.join(wt, ".gov", "policy.md"), "evil\n");
    const before = plain.git(["rev-parse", "refs/heads/hs/s3/work"]);
    const run = (line: string) => spawnSync("sh", ["-c", line], { cwd: wt, env: cleanEnv(), encoding: "utf8" });
    const commit = run("git add .gov/policy.md && git commit -qm lower-case-governance");
    expect(commit.status, commit.stderr).not.toBe(0);
    expect(commit.stderr).toContain("HS-GOVERNANCE-PATH");
    const noVerify = run("git commit -qnm lower-case-governance");
    expect(noVerify.status).not.toBe(0);
    expect(plain.git(["rev-parse", "refs/heads/hs/s3/work"])).toBe(before);
  });
});
