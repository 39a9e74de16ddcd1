// The generated sh shim, run by dash with stand-ins for node and git (named as such): which calls take the
// no-Node fast path, and that no public deny vector ever does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderShim } from "../../src/shim/render.ts";
import { argvVectors, buildHsFixture, type HsFixture } from "./hs-fixture.ts";

let fx: HsFixture;
let bin: string;

function standIn(file: string, body: string): string {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

beforeAll(() => {
  fx = buildHsFixture();
  bin = fs.mkdtempSync(path.join(os.tmpdir(), "hs-shim-standin-"));
  const values = {
    sessionId: "s1",
    real: standIn(path.join(bin, "real-git"), 'echo FAST "$@"'),
    node: standIn(path.join(bin, "node"), 'shift 8; echo SLOW "$@"; exit 77'),
    entry: "/nonexistent/hs.js",
    worktree: fx.s1,
    handshakeDir: fx.handshake,
    scope: ["**"],
    governance: [".handshake/gov/**", ".GOV/**"],
  };
  fs.writeFileSync(path.join(bin, "git"), renderShim("git", values), { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "rm"), renderShim("rm", { ...values, real: standIn(path.join(bin, "real-rm"), 'echo RAN "$@"') }), { mode: 0o755 });
});
afterAll(() => {
  fx?.cleanup();
  fs.rmSync(bin, { recursive: true, force: true });
});

function shim(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tool?: string } = {}) {
  const result = spawnSync("/bin/sh", [path.join(bin, options.tool ?? "git"), ...args], {
    cwd: options.cwd ?? fx.s1,
    env: { PATH: "/usr/bin:/bin", ...options.env },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout.trim(), path: /^(FAST|RAN)/.test(result.stdout) ? "fast" : result.stdout.startsWith("SLOW") ? "slow" : "?" };
}

describe("git shim (dash, stand-in node and git)", () => {
  it("is valid POSIX sh", () => {
    expect(spawnSync("/bin/sh", ["-n", path.join(bin, "git")]).status).toBe(0);
    expect(spawnSync("/bin/sh", ["-n", path.join(bin, "rm")]).status).toBe(0);
  });

  it.each([
    ["status"], ["status", "--short"], ["log", "--stat", "-3"], ["-P", "log"], ["--no-pager", "diff", "--stat"], ["show", "HEAD"],
    ["rev-parse", "--show-toplevel"], ["ls-files"], ["branch"], ["branch", "-a"], ["branch", "-vv"], ["stash", "list"],
    ["worktree", "list", "--porcelain"], ["diff", "HEAD", "--", "src/app.ts"],
  ])("fast path: git %s", (...args) => {
    const got = shim(args);
    expect(got.path).toBe("fast");
    expect(got.out).toBe(`FAST ${args.join(" ")}`);
  });

  it.each([
    [["reset", "--hard"]], [["-c", "color.ui=never", "status"]], [["-C", "src", "status"]], [["--git-dir=../s2/.git", "status"]],
    [["branch", "feature-x"]], [["branch", "-D", "unmerged"]], [["stash", "drop"]], [["stash"]], [["worktree", "remove", "../s2"]],
    [["diff", "--output=../leak.diff"]], [["diff", "--ou=x"]], [["log", "--ext-diff"]], [["diff", "--no-index", "a", "b"]], [["log", "../s2"]],
    [["status", "/etc"]], [["rset", "--hard"]], [[]], [["-P"]],
  ])("slow path: git %j", (args) => {
    const got = shim(args);
    expect(got.path).toBe("slow");
    expect(got.code).toBe(77);
  });

  it.each([["GIT_DIR", "../../main-repo/.git"], ["GIT_WORK_TREE", "."], ["GIT_INDEX_FILE", "/tmp/x"], ["GIT_CONFIG_COUNT", "1"], ["GIT_CONFIG_PARAMETERS", "'core.hookspath'='/dev/null'"], ["GIT_TRACE", "/tmp/t"], ["GIT_EXTERNAL_DIFF", "x"], ["GIT_DIR", ""]])(
    "environment %s=%s sends git status to the slow path",
    (name, value) => {
      expect(shim(["status"], { env: { [name]: value } }).path).toBe("slow");
    },
  );

  it("outside the session worktree even git status goes to the slow path", () => {
    expect(shim(["status"], { cwd: fx.s2 }).path).toBe("slow");
    expect(shim(["status"], { cwd: fx.main }).path).toBe("slow");
    const link = path.join(fx.s1, "link-to-s2");
    fs.symlinkSync(fx.s2, link);
    try {
      // The logical $PWD is inside s1, the physical one is s2.
      const got = spawnSync("/bin/sh", ["-c", `cd ${JSON.stringify(link)} && /bin/sh ${JSON.stringify(path.join(bin, "git"))} status`], { env: { PATH: "/usr/bin:/bin" }, encoding: "utf8" });
      expect(got.stdout.trim()).toMatch(/^SLOW/);
    } finally {
      fs.unlinkSync(link);
    }
  });

  it("passes arguments with spaces, quotes and globs through unchanged", () => {
    const args = ["log", "--format=%h %s", "--", "dir with spaces/f", "it's", "*.ts"];
    expect(shim(args).out).toBe(`FAST ${args.join(" ")}`);
    const slow = ["commit", "-m", "a 'quoted' \"msg\" $HOME *"];
    expect(shim(slow).out).toBe(`SLOW ${slow.join(" ")}`);
  });

  it("rm of plain in-scope files takes the fast path; anything else asks the gate", () => {
    expect(shim(["-f", "scratch.txt"], { tool: "rm" }).out).toBe("RAN -f scratch.txt");
    expect(shim(["msg.txt", "./paths.txt"], { tool: "rm" }).path).toBe("fast");
    expect(shim(["-f", "lib/util.ts"], { tool: "rm", cwd: path.join(fx.s1, "src") }).path).toBe("fast");
    fs.symlinkSync(fx.s2, path.join(fx.s1, "lnk"));
    fs.symlinkSync(path.join(fx.s2, "README.md"), path.join(fx.s1, "lnk-file"));
    try {
      for (const args of [["-f", ".GOV/policy.md"], ["-f", "./.GOV/policy.md"], ["-rf", "build"], ["-f", "../s2/README.md"], ["-f", "missing.txt"], ["-f", "lnk/README.md"], ["-f", "lnk-file"],
        ["-f", "src/../README.md"], ["scratch.txt", "-rf"], ["--", "-rf"], ["-f"], ["-f", "/etc/hostname"], ["-f", "src//app.ts"], ["-i", "scratch.txt"], ["-f", ".git"]]) {
        expect(shim(args, { tool: "rm" }).path, args.join(" ")).toBe("slow");
      }
      expect(shim(["-f", "README.md"], { tool: "rm", cwd: fx.s2 }).path).toBe("slow");
    } finally {
      fs.unlinkSync(path.join(fx.s1, "lnk"));
      fs.unlinkSync(path.join(fx.s1, "lnk-file"));
    }
  });

  it("no public deny vector takes the fast path", () => {
    const fast = argvVectors()
      .filter((v) => v.expect === "deny")
      .filter((v) => shim(v.argv.slice(1), { cwd: path.join(fx.s1, v.cwd_rel), tool: v.argv[0] }).path === "fast")
      .map((v) => v.id);
    expect(fast).toEqual([]);
  });
});
