// The DCC's version.status / version.diff / context.search / open_ref against a hostile session worktree: the
// session plants a nested repository with its own filter and fsmonitor, a .gitattributes naming filters and
// textconv, a config.worktree with programs, and symlinks (to a file and a folder outside the worktree holding a
// secret). The operator's reads must run none of it (no canary) and follow no symlink out (the secret never shows).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { attack, buildFixture, canaryCommand, canaryPath, expectNoCanary, hsJson, type Fixture } from "./harness.ts";
import { cleanEnv } from "../helpers/repo.ts";

let fx: Fixture;
let outside: string;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "v1", scope: ["src/**"] }] });
  outside = path.join(fx.dir, "operator-private");
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.txt"), "SECRET-OUTSIDE-needle\n");
});
afterAll(() => fx?.cleanup());

describe("hs vcs / hs search never run or follow what a session planted", () => {
  it("status, diff, search and open stay inside and run nothing", async () => {
    const evil = canaryCommand(fx, "vcs-read");
    const planted = await attack(fx, [
      "set -e; G=/usr/bin/git",
      "printf '* filter=evil diff=evil\\n' > .gitattributes",
      "sleep 1; printf 'export const app = \"needle\";\\n' > src/app.ts",
      "mkdir -p src/nested && cd src/nested && $G init -q . && printf '* filter=x diff=x\\n' > .gitattributes && printf 'needle nested\\n' > f",
      `$G config filter.x.clean "${evil}" && $G config diff.x.textconv "${evil}" && $G config core.fsmonitor "${evil}" && cd ../..`,
      `ln -s ${outside}/secret.txt src/leak.txt && ln -s ${outside} src/linkdir`,
    ].join("\n"), "v1");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.changes).toEqual([]);
    // programs in the session's config.worktree (as a session of an older hs could write it)
    fx.git(["config", "extensions.worktreeConfig", "true"]);
    const gitDir = path.join(fx.common, "worktrees", "v1");
    const quoted = `"${evil}"`;
    fs.writeFileSync(path.join(gitDir, "config.worktree"), [
      `[filter "evil"]`, `\tclean = ${quoted}`, `\tsmudge = ${quoted}`, `\trequired = true`,
      `[diff "evil"]`, `\ttextconv = ${quoted}`, `[diff]`, `\texternal = ${quoted}`, `[core]`, `\tfsmonitor = ${quoted}`, "",
    ].join("\n"));
    try {
      const status = hsJson(fx, ["vcs", "status", "v1"]);
      expect(status.code, status.stderr).toBe(0);
      const files = (status.json as { files: Array<{ path: string; status: string }> }).files;
      expect(files.find((f) => f.path === "src/app.ts")?.status).toBe("modified");
      expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["src/leak.txt", "src/linkdir"]));

      const diff = hsJson(fx, ["vcs", "diff", "v1", "src/app.ts"]);
      expect(diff.code, diff.stderr).toBe(0);
      expect((diff.json as { patch: string }).patch).toContain('+export const app = "needle";');
      for (const link of ["src/leak.txt", "src/linkdir"]) {
        const shown = hsJson(fx, ["vcs", "diff", "v1", link]);
        expect(shown.code, shown.stderr).toBe(0);
        expect(JSON.stringify(shown.json)).not.toContain("SECRET-OUTSIDE");
        expect((shown.json as { new_text?: string }).new_text).toBeUndefined();
      }

      const search = hsJson(fx, ["search", "v1", "needle", "--untracked"]);
      expect(search.code, search.stderr).toBe(0);
      const hits = (search.json as { results: Array<{ path: string; excerpt: string }> }).results;
      expect(hits.map((h) => h.path)).toContain("src/app.ts");
      expect(JSON.stringify(hits)).not.toContain("SECRET-OUTSIDE");
      expect(hits.filter((h) => h.path.startsWith("src/nested"))).toEqual([]);

      for (const file of ["src/leak.txt", "src/linkdir/secret.txt"]) {
        const open = fx.hs(["search", "open", "v1", file, "1"]);
        expect(open.code).toBe(77);
        expect(open.stderr).toContain("HS-VCS-UNSAFE-PATH");
        expect(open.stdout).not.toContain("SECRET-OUTSIDE");
      }
      expectNoCanary(fx, "vcs-read");

      // Control: plain git in that worktree runs the session's programs, and plain reading follows the symlink.
      spawnSync("git", ["diff"], { cwd: path.join(fx.wts, "v1"), env: cleanEnv(), encoding: "utf8" });
      expect(fs.existsSync(canaryPath(fx, "vcs-read"))).toBe(true);
      fs.rmSync(canaryPath(fx, "vcs-read"));
      expect(fs.readFileSync(path.join(fx.wts, "v1", "src/leak.txt"), "utf8")).toContain("SECRET-OUTSIDE");
    } finally {
      fx.git(["config", "--unset", "extensions.worktreeConfig"]);
    }
  }, 120_000);
});
