// Class 8: the session's git admin dir (<common>/worktrees/<id>/) is session-writable. A retargeted HEAD, a
// `locked` file, a symlinked index: host-side hs refuses to use them (HS-SESSION-ADMIN-TAMPERED, exit 3) before
// doing anything, `hs doctor` reports them, `hs doctor --fix` repairs them; files hs pre-creates stay read-only.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attack, buildFixture, expectSharedFsckClean, hsJson, mainBlob, type Fixture } from "./harness.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "g1", scope: ["src/**"] }, { id: "g2", scope: ["src/**"] }] });
});
afterAll(() => fx?.cleanup());

const findings = (fx: Fixture) => ((hsJson(fx, ["doctor"]).json as { findings: Array<{ code: string }> }).findings ?? []).map((f) => f.code);

describe("session admin files", () => {
  it("a HEAD pointed at main is refused by merge-back, found by doctor, repaired by doctor --fix", async () => {
    const planted = await attack(fx, [
      "printf 'export const g = 1;\\n' > src/g.ts && git add src/g.ts && git commit -qm g",
      `D=$(/usr/bin/git rev-parse --git-dir)`,
      `printf 'ref: refs/heads/main\\n' > "$D/HEAD"`,
      `printf 'gitdir: /tmp/x\\n' > "$D/commondir" 2>/dev/null && echo commondir-written || echo commondir-refused`,
      `printf '[core]\\n\\tfsmonitor = x\\n' > "$D/config.worktree" 2>/dev/null && echo cw-written || echo cw-refused`,
    ].join("\n"), "g1");
    expect(planted.stdout).toContain("commondir-refused");
    expect(planted.stdout).toContain("cw-refused");
    expect(planted.changes).toEqual([]);
    // Plain git believes it: g1's worktree now "holds" main.
    expect(fx.git(["worktree", "list", "--porcelain"])).toContain(`worktree ${path.join(fx.wts, "g1")}\nHEAD`);

    const mainBefore = fx.git(["rev-parse", "main"]).trim();
    const refused = hsJson(fx, ["merge-back", "g1", "--apply"]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain("HS-SESSION-ADMIN-TAMPERED");
    expect(refused.stderr).toContain("hs doctor --fix");
    expect(fx.git(["rev-parse", "main"]).trim()).toBe(mainBefore);
    expect(findings(fx)).toContain("SESSION-HEAD-RETARGETED");

    const fixed = fx.hs(["doctor", "--fix"]);
    expect(fixed.stdout).toContain("HEAD repaired");
    expect(fs.readFileSync(path.join(fx.common, "worktrees", "g1", "HEAD"), "utf8")).toBe("ref: refs/heads/hs/g1/work\n");
    expect(findings(fx)).not.toContain("SESSION-HEAD-RETARGETED");
    const applied = hsJson(fx, ["merge-back", "g1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    // The main checkout (the worktree that really holds main) was updated, not g1's.
    expect(fs.readFileSync(path.join(fx.main, "src", "g.ts"), "utf8")).toBe("export const g = 1;\n");
    expect(mainBlob(fx, ".GOV/policy.md")).toBe("rule: agents must not edit governance\n");
    expectSharedFsckClean(fx);
  });

  it("a created `locked` and a symlinked index make close refuse before removing anything; doctor --fix clears them", async () => {
    const planted = await attack(fx, [
      `D=$(/usr/bin/git rev-parse --git-dir)`,
      `printf 'mine\\n' > "$D/locked"`,
      `/bin/rm -f "$D/index" && ln -s ${path.join(fx.common, "index")} "$D/index"`,
    ].join("\n"), "g2");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.changes).toEqual([]);
    expect(fx.hs(["session", "cancel", "g2", "--reason", "attack"]).code).toBe(0);
    const refused = fx.hs(["session", "close", "g2"]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain("HS-SESSION-ADMIN-TAMPERED");
    expect(fs.existsSync(path.join(fx.wts, "g2"))).toBe(true);
    expect(fx.git(["rev-parse", "--verify", "hs/g2/work"]).trim()).not.toBe("");
    const codes = findings(fx);
    expect(codes).toContain("SESSION-LOCKED");
    expect(codes).toContain("SESSION-ADMIN-NOT-REGULAR");

    expect(fx.hs(["doctor", "--fix"]).code).toBe(0);
    expect(fs.lstatSync(path.join(fx.common, "worktrees", "g2", "index")).isFile()).toBe(true);
    const closed = fx.hs(["session", "close", "g2"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fs.existsSync(path.join(fx.wts, "g2"))).toBe(false);
    expectSharedFsckClean(fx);
  });
});
