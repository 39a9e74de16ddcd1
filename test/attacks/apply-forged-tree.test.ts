// Class 3: merge-back --apply lands exactly what the artifact shows. The session commits an in-scope change, then
// overwrites the commit's tree object in its store with a forged tree that also changes .GOV/policy.md (same file
// name, different content). The dry run and --apply must refuse (exit 3) and main must not move.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attack, buildFixture, expectSharedFsckClean, FORGE_PRELUDE, hsJson, mainBlob, nodePayload, type Fixture } from "./harness.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "t1", scope: ["src/**"] }, { id: "t2", scope: ["src/**"] }] });
});
afterAll(() => fx?.cleanup());

const POLICY = "rule: agents must not edit governance\n";

/** After a legit commit: build a tree like HEAD's but with a forged .GOV/policy.md, and put it under HEAD's tree id. */
const FORGE_TREE = `
const tree = git(["rev-parse", "HEAD^{tree}"]);
const blob = git(["hash-object", "-w", "--stdin"], "rule: agents may edit governance\\n");
const gov = git(["mktree"], "100644 blob " + blob + "\\tpolicy.md\\n");
const entries = git(["ls-tree", "HEAD"]).split("\\n").map((line) => line.endsWith("\\t.GOV") ? "040000 tree " + gov + "\\t.GOV" : line);
const forged = git(["mktree"], entries.join("\\n") + "\\n");
fs.chmodSync(loosePath(tree), 0o644);
fs.copyFileSync(loosePath(forged), loosePath(tree));
console.log("forged " + tree + " (its file now holds " + forged + ")");
`;

describe("merge-back --apply with a forged tree object", () => {
  it("refuses (exit 3) when the tree was forged before the host ever read it; main does not move", async () => {
    const mainBefore = fx.git(["rev-parse", "main"]).trim();
    const planted = await attack(fx, `printf 'export const f = 1;\\n' > src/feature.ts && git add src/feature.ts && git commit -qm feature && ${nodePayload(FORGE_PRELUDE + FORGE_TREE)}`, "t1");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.stdout).toContain("forged");
    expect(planted.changes).toEqual([]);

    const dry = hsJson(fx, ["merge-back", "t1"]);
    expect(dry.code, dry.stderr).toBe(3);
    expect(dry.stderr).toContain("HS-OBJECTS-UNVERIFIED");
    const applied = hsJson(fx, ["merge-back", "t1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(3);
    expect(fx.git(["rev-parse", "main"]).trim()).toBe(mainBefore);
    expect(mainBlob(fx, ".GOV/policy.md")).toBe(POLICY);
    expect(fs.readFileSync(path.join(fx.main, ".GOV", "policy.md"), "utf8")).toBe(POLICY);
    expectSharedFsckClean(fx);
  });

  it("lands only the artifact's change when the host had verified the tree before it was overwritten", async () => {
    const committed = await attack(fx, `printf 'export const g = 1;\\n' > src/other.ts && git add src/other.ts && git commit -qm other`, "t2");
    expect(committed.code, committed.stderr).toBe(0);
    expect(hsJson(fx, ["conflicts"]).code).toBe(0); // imports t2's objects, by content
    const planted = await attack(fx, nodePayload(FORGE_PRELUDE + FORGE_TREE), "t2");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.changes).toEqual([]);

    const applied = hsJson(fx, ["merge-back", "t2", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fx.git(["diff", "--name-only", "main~1", "main"]).trim()).toBe("src/other.ts");
    expect(mainBlob(fx, ".GOV/policy.md")).toBe(POLICY);
    expect(fs.readFileSync(path.join(fx.main, ".GOV", "policy.md"), "utf8")).toBe(POLICY);
    expectSharedFsckClean(fx);
  });
});
