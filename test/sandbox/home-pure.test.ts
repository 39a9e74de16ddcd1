// Pure parts of the home layer: which global git keys survive, the rendered config (read back by real git),
// which HOME values can be a lower layer, what the sandbox can see, and the bwrap arguments for the home.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseConfigList, renderConfig, sanitizeGlobal } from "../../src/sandbox/git-global.ts";
import { homeLayerPaths, homeProblem, wrapWithHomeLayer } from "../../src/sandbox/home-layer.ts";
import { visibleInside } from "../../src/sandbox/visibility.ts";
import { homeArgs, type HomeMounts } from "../../src/sandbox/profile.ts";
import { briefingText } from "../../src/sandbox/briefing.ts";

describe("the sanitized global git config", () => {
  it.each([
    ["user.name", "Op", true],
    ["core.hooksPath", "/dev/null", false],
    ["core.fsmonitor", "/tmp/x", false],
    ["core.sshCommand", "ssh -i k", false],
    ["alias.st", "status", false],
    ["alias.boom", "!rm -rf /", false],
    ["diff.external", "x", false],
    ["filter.lfs.smudge", "git-lfs smudge", false],
    ["include.path", "~/.gitconfig.local", false],
    ["includeIf.gitdir:~/w/.path", "x", false],
    ["credential.helper", "store", false],
    ["core.pager", "less", true],
    ["core.pager", "~/bin/pager", false],
    ["init.defaultBranch", "main", true],
  ])("%s=%s kept: %s", (key, value, kept) => {
    expect(sanitizeGlobal([{ key, value }]).kept.length === 1).toBe(kept);
  });

  it("renders a file real git reads back to the same entries", () => {
    const entries = parseConfigList('user.name\nOp "Q" \\ x\0user.email\nop@example.com\0url.https://x.example/a.b.insteadof\nq\0color.ui\0');
    expect(entries.at(-1)).toEqual({ key: "color.ui", value: "true" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-gitcfg-"));
    try {
      const file = path.join(dir, "config");
      fs.writeFileSync(file, renderConfig(entries));
      const listed = spawnSync("git", ["config", "-f", file, "--list", "-z"], { encoding: "utf8" });
      expect(parseConfigList(listed.stdout)).toEqual(entries);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the home layer", () => {
  it.each([
    [undefined, "not an absolute path"],
    ["relative/home", "not an absolute path"],
    ["/", "HOME is /"],
    ["/home/a,b", "overlay mount options"],
    ["/repo/sub", "inside the repository"],
    ["/home/op", null],
  ])("HOME=%s -> %s", (home, problem) => {
    const found = homeProblem(home, ["/repo", "/repo.hs"]);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it("wraps bwrap in a private mount namespace; a user namespace only for non-root operators", () => {
    const root = wrapWithHomeLayer(homeLayerPaths("/r/.handshake/sessions/s1", "/home/op", 0, 0), "bwrap", ["--", "sh"]);
    expect(root.args.slice(0, 4)).toEqual(["--mount", "--propagation", "private", "--"]);
    const dir = "/r/.handshake/sessions/s1";
    expect(root.args.slice(-8)).toEqual(["hs-home", "/home/op", `${dir}/home-upper`, `${dir}/home-work`, `${dir}/home-mount`, "bwrap", "--", "sh"]);
    const user = wrapWithHomeLayer(homeLayerPaths("/s", "/home/op", 1000, 1000), "bwrap", []);
    expect(user.args.slice(0, 3)).toEqual(["--user", "--map-root-user", "--mount"]);
  });

  it("binds the layer, hides what the operator listed, and puts read-only git config over both global paths", () => {
    const home: HomeMounts = {
      home: "/home/op",
      mount: "/m",
      hidden: [{ path: "/home/op/.ssh", dir: true }, { path: "/home/op/.npmrc", dir: false }],
      gitGlobal: { sanitized: "/g/gitconfig", empty: "/g/empty", userFile: "/home/op/.gitconfig", xdgFile: "/home/op/.config/git/config" },
      ids: null,
    };
    expect(homeArgs(home)).toEqual([
      "--bind", "/m", "/home/op",
      "--tmpfs", "/home/op/.ssh", "--remount-ro", "/home/op/.ssh",
      "--ro-bind", "/g/empty", "/home/op/.npmrc",
      "--ro-bind", "/g/gitconfig", "/home/op/.gitconfig",
      "--ro-bind", "/g/empty", "/home/op/.config/git/config",
    ]);
  });
});

describe("what the sandbox can see", () => {
  const rules = [
    { prefix: "/tmp", visible: false },
    { prefix: "/tmp/w/repo/.handshake", visible: false },
    { prefix: "/tmp/w/repo.hs", visible: false },
    { prefix: "/tmp/w/repo", visible: true },
    { prefix: "/tmp/w/repo.hs/s1", visible: true },
    { prefix: "/tmp/w/repo/.handshake/sessions/s1/bin", visible: true },
  ];
  it.each([
    ["/usr/bin/env", true],
    ["/tmp/agent.sh", false],
    ["/tmp/w/repo/tools/a.sh", true],
    ["/tmp/w/repo/.handshake/x", false],
    ["/tmp/w/repo.hs/s2/run.sh", false],
    ["/tmp/w/repo.hs/s1/run.sh", true],
    ["/tmp/w/repo/.handshake/sessions/s1/bin/git", true],
  ])("%s visible: %s", (file, visible) => {
    expect(visibleInside(file, rules)).toBe(visible);
  });
});

describe("the briefing", () => {
  it("names where the agent may write, what needs approval and how to hand back, with a pasteable command", () => {
    const text = briefingText({
      session: { id: "fix cart", isolation: "worktree", worktree: "/r.hs/fix", branch: "hs/fix/work", scope: ["src/**"], degraded: false },
      governance: [".GOV/**"],
      home: "/home/op",
      approvalSeconds: 90,
    });
    expect(text).toContain("write:    /r.hs/fix (commit only src/**)");
    expect(text).toContain("hs session rules 'fix cart'");
    expect(text).toContain("hs merge-back 'fix cart'");
    expect(text).toContain("up to 90 s");
    expect(text.split("\n").every((line) => line.length < 200)).toBe(true);
  });
});
