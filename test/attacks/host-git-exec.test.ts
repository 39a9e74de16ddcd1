// Class 1: host-side git must never run what a session planted. Each payload plants programs (filters, textconv,
// external diff, fsmonitor, pager, hooks) where plain git would run them on the host — a nested repository behind a
// gitlink, the worktree's own .gitattributes, the session's config.worktree (with an include) — then the operator's
// hs commands run against that worktree. A control at the end shows plain git on the host WOULD run the payload.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attack, buildFixture, canaryCommand, canaryPath, expectNoCanary, expectSharedFsckClean, hsJson, type Fixture } from "./harness.ts";
import { cleanEnv } from "../helpers/repo.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "a1", scope: ["src/**"] }, { id: "a2", scope: ["src/**"] }] });
});
afterAll(() => fx?.cleanup());

const plainGit = (args: string[], cwd: string) => spawnSync("git", args, { cwd, env: cleanEnv(), encoding: "utf8" });

describe("host-side git never executes session-controlled code", () => {
  it("a nested repository behind a gitlink, with its own filters and fsmonitor: reported, never entered", async () => {
    const a1 = path.join(fx.wts, "a1");
    const evil = canaryCommand(fx, "nested");
    const planted = await attack(fx, [
      "set -e; G=/usr/bin/git",
      "mkdir -p src/nested && cd src/nested && $G init -q . && printf '* filter=x diff=x\\n' > .gitattributes && printf 'a\\n' > f",
      "$G add f .gitattributes && $G -c user.name=a -c user.email=a@b commit -qm nested",
      `$G config filter.x.clean "${evil}" && $G config filter.x.process "${evil}" && $G config diff.x.textconv "${evil}"`,
      `$G config core.fsmonitor "${evil}" && $G config core.hooksPath /tmp`,
      "sleep 1; printf 'b\\n' > f; cd ../..",
      "$G update-index --add --cacheinfo 160000,$(cd src/nested && $G rev-parse HEAD),src/nested",
      "git commit -qm 'a gitlink'",
    ].join("\n"), "a1");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.changes).toEqual([]);

    const merge = hsJson(fx, ["merge-back", "a1"]);
    expect(merge.code, merge.stderr).toBe(3);
    expect(JSON.stringify(merge.json)).toContain("HS-MERGE-GITLINK");

    const untracked = await attack(fx, `set -e; /usr/bin/git init -q src/other && cd src/other && /usr/bin/git config filter.x.clean "${evil}" && printf '* filter=x\\n' > .gitattributes`, "a1");
    expect(untracked.code, untracked.stderr).toBe(0);
    const radar = hsJson(fx, ["conflicts"]);
    expect(radar.code, radar.stderr).toBe(0);
    const a1Row = (radar.json as { sessions: Array<{ id: string; nested: string[] }> }).sessions.find((row) => row.id === "a1");
    expect(a1Row?.nested).toContain("src/other");
    const doctor = hsJson(fx, ["doctor"]);
    const nested = (doctor.json as { findings: Array<{ code: string; what: string }> }).findings.filter((f) => f.code === "SESSION-NESTED-REPO").map((f) => f.what);
    expect(nested.join("\n")).toContain("src/nested is a gitlink");
    expect(nested.join("\n")).toContain("src/other is a nested repository");
    expectNoCanary(fx, "nested");
    expectSharedFsckClean(fx);

    // Control: the operator's plain `git status` in that worktree recurses into the gitlink and runs the filter.
    plainGit(["status", "--porcelain"], a1);
    expect(fs.existsSync(canaryPath(fx, "nested"))).toBe(true);
    fs.rmSync(canaryPath(fx, "nested"));
  });

  it("the worktree's own .gitattributes and a config.worktree with filters, textconv, ext-diff, fsmonitor, pager, include", async () => {
    const a2 = path.join(fx.wts, "a2");
    const gitDir = path.join(fx.common, "worktrees", "a2");
    const planted = await attack(fx, [
      "printf '* filter=evil diff=evil merge=evil\\n' > .gitattributes",
      "sleep 1; printf 'export const app = 2;\\n' > src/app.ts",
      `/usr/bin/git config --worktree filter.evil.clean x 2>/dev/null && echo cw-written || echo cw-refused`,
      `printf '[filter "evil"]\\n\\tclean = x\\n' > "$(/usr/bin/git rev-parse --git-dir)/config.worktree" 2>/dev/null && echo cw-file-written || echo cw-file-refused`,
      `printf '[core]\\n\\thooksPath = /tmp\\n' >> "${fx.common}/config" 2>/dev/null && echo common-written || echo common-refused`,
    ].join("\n"), "a2");
    expect(planted.stdout).toContain("cw-refused");
    expect(planted.stdout).toContain("cw-file-refused");
    expect(planted.stdout).toContain("common-refused");
    expect(planted.changes).toEqual([]);

    // The operator's repository reads per-worktree config (e.g. for sparse checkout), and the session's
    // config.worktree holds programs (as a session of an older hs, before it was pre-created read-only, could write).
    fx.git(["config", "extensions.worktreeConfig", "true"]);
    const evil = `"${canaryCommand(fx, "config-worktree")}"`; // quoted: `;` starts a comment in a config file
    fs.writeFileSync(path.join(gitDir, "more.config"), `[diff "evil"]\n\ttextconv = ${evil}\n\tcommand = ${evil}\n`);
    fs.writeFileSync(path.join(gitDir, "config.worktree"), [
      `[filter "evil"]`, `\tclean = ${evil}`, `\tsmudge = ${evil}`, `\tprocess = ${evil}`, `\trequired = true`,
      `[diff]`, `\texternal = ${evil}`, `[core]`, `\tfsmonitor = ${evil}`, `\tpager = ${evil}`, `\thooksPath = ${gitDir}`,
      `[merge "evil"]`, `\tdriver = ${evil}`, `[include]`, `\tpath = more.config`, "",
    ].join("\n"));
    try {
      const radar = hsJson(fx, ["conflicts"]);
      expect(radar.code, radar.stderr).toBe(0);
      const merge = hsJson(fx, ["merge-back", "a2"]);
      expect(merge.code, merge.stderr).toBe(3); // HS-MERGE-DIRTY: the status ran, hardened
      expect(merge.stderr + JSON.stringify(merge.json)).toContain("HS-MERGE-DIRTY");
      const doctor = hsJson(fx, ["doctor"]);
      expect(JSON.stringify(doctor.json)).toContain("SESSION-CONFIG-WORKTREE");
      expectNoCanary(fx, "config-worktree");
      expectSharedFsckClean(fx);

      // Control: plain `git diff` there runs the session's programs.
      plainGit(["diff"], a2);
      expect(fs.existsSync(canaryPath(fx, "config-worktree"))).toBe(true);
      fs.rmSync(canaryPath(fx, "config-worktree"));
    } finally {
      fx.git(["config", "--unset", "extensions.worktreeConfig"]);
    }
  });
});
