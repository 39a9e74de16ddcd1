// hs session status / diff / logs on a real sandboxed session, a hostile worktree config that must not run on
// the host when the operator looks, and --json on every read command (valid JSON, never colour, over pipes).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildFixture, type Fixture } from "../sandbox/fixture.ts";
import { hsAsync } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**", "*.txt", "Makefile", "README.md"] }] });
});
afterAll(() => fx?.cleanup());

describe("safe host-side views of a session worktree", () => {
  test("status: staged, unstaged and untracked files and the commits since base; --json has the same facts", () => {
    const json = fx.hs(["session", "status", "s1", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const report = json.json();
    expect(report).toMatchObject({ session_id: "s1", branch: "hs/s1/work", commits_since_base: 1 });
    const byPath = Object.fromEntries(report.files.map((file: { path: string; index: string; worktree: string }) => [file.path, file.index + file.worktree]));
    expect(byPath).toMatchObject({ "README.md": "M ", "src/app.ts": " M", "src/new.ts": "??", "scratch.txt": "??" });
    const human = fx.hs(["session", "status", "s1"]);
    expect(human.stdout).toContain("session s1 (created): hs/s1/work, 1 commit(s) since base");
    expect(human.stdout).toContain("   M src/app.ts");
    expect(human.stdout).toContain("next: hs session diff s1");
  });

  test("diff: committed and uncommitted changes against the base; untracked files named; --stat and --json", () => {
    const patch = fx.hs(["session", "diff", "s1"]);
    expect(patch.code, patch.stderr).toBe(0);
    expect(patch.stdout).toContain("+work\n+unstaged edit\n");
    expect(patch.stdout).toContain("+staged edit");
    expect(patch.stdout).toContain("untracked (not in the diff): src/new.ts");
    expect(fx.hs(["session", "diff", "s1", "--stat"]).stdout).toMatch(/src\/app\.ts \| 2 \+\+/);
    const report = fx.hs(["session", "diff", "s1", "--json"]).json();
    expect(report.files).toEqual(expect.arrayContaining([{ status: "M", path: "src/app.ts", added: 2, deleted: 0 }]));
    expect(report.untracked).toEqual(expect.arrayContaining(["src/new.ts", "scratch.txt"]));
  });

  test("a hostile filter, textconv and fsmonitor in the session's git config never run when the operator looks", () => {
    const marker = (name: string) => path.join(fx.dir, `RAN-${name}`);
    const adminDir = fx.git(["rev-parse", "--git-dir"], fx.s1).trim();
    fx.git(["config", "extensions.worktreeConfig", "true"]);
    const hostile = [
      `[filter "x"]\n\tclean = touch ${marker("clean")}; cat\n\tsmudge = touch ${marker("smudge")}; cat\n\tprocess = touch ${marker("process")}; false\n\trequired = true`,
      `[diff "y"]\n\ttextconv = touch ${marker("textconv")}; cat\n\tcommand = touch ${marker("extdiff")}; true`,
      `[diff]\n\texternal = touch ${marker("external")}; true`,
      `[core]\n\tfsmonitor = touch ${marker("fsmonitor")}; true\n\thooksPath = ${fx.dir}`,
    ].join("\n");
    fs.writeFileSync(path.join(adminDir, "config.worktree"), hostile + "\n");
    fs.writeFileSync(path.join(fx.s1, ".gitattributes"), "* filter=x diff=y\n");
    // Stat-dirty: git must look at the content, which is where a clean filter would run.
    const old = new Date("2001-01-01T00:00:00Z");
    fs.utimesSync(path.join(fx.s1, "src/app.ts"), old, old);
    fs.utimesSync(path.join(fx.s1, "src/lib/util.ts"), old, old);
    try {
      const status = fx.hs(["session", "status", "s1", "--json"]);
      const diff = fx.hs(["session", "diff", "s1", "--json"]);
      expect([status.code, diff.code], status.stderr + diff.stderr).toEqual([0, 0]);
      expect(diff.json().patch).toContain("+unstaged edit");
      expect(fs.readdirSync(fx.dir).filter((name) => name.startsWith("RAN-"))).toEqual([]);
      // The setup is live: the operator's plain git in that worktree would have run the session's filter.
      spawnSync("git", ["status", "--porcelain"], { cwd: fx.s1, env: cleanEnv(), encoding: "utf8" });
      expect(fs.readdirSync(fx.dir).filter((name) => name.startsWith("RAN-")).length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(path.join(adminDir, "config.worktree"));
      fs.rmSync(path.join(fx.s1, ".gitattributes"));
      fx.git(["config", "--unset", "extensions.worktreeConfig"]);
      for (const name of fs.readdirSync(fx.dir)) if (name.startsWith("RAN-")) fs.rmSync(path.join(fx.dir, name));
    }
  });
});

describe("hs session logs", () => {
  test("prints a detached session's output; --follow streams it and returns when the host ends", async () => {
    const none = fx.hs(["session", "logs", "s1"]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain("no background output yet");
    const run = fx.hs(["session", "run", "s1", "--detach", "--", "sh", "-c", "echo first; sleep 1; printf 'second\\033]0;title\\007\\n'"]);
    expect(run.code, run.stderr).toBe(0);
    const followed = await hsAsync(["session", "logs", "s1", "--follow"], { cwd: fx.main });
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toMatch(/first\r?\n[^]*second/);
    expect(followed.stderr).toMatch(/host ended \(exit 0\)/);
    const json = fx.hs(["session", "logs", "s1", "--json"]).json();
    expect(json).toMatchObject({ session_id: "s1", log: expect.stringMatching(/session\.log$/) });
    expect(json.text).toContain("second");
  });
});

test("--json on every read command prints parseable JSON and no colour over a pipe; --no-color is accepted everywhere", async () => {
  const reads = [
    ["session", "list"],
    ["session", "show", "s1"],
    ["session", "status", "s1"],
    ["session", "diff", "s1"],
    ["session", "logs", "s1"],
    ["session", "env", "s1"],
    ["lock", "list"],
    ["approvals"],
    ["grants"],
    ["log"],
    ["log", "verify"],
    ["conflicts", "--no-dirty"],
    ["doctor"],
    ["prune"],
    ["merge-back", "s1"],
    ["check", "--session", "s1", "--", "git", "status"],
  ];
  const results = await Promise.all(reads.map((args) => hsAsync(splice(args, ["--json", "--no-color"]), { cwd: fx.main, env: { NO_COLOR: "" } })));
  results.forEach((result, index) => {
    const label = reads[index]!.join(" ");
    expect(() => JSON.parse(result.stdout), `${label}: ${result.stdout.slice(0, 200)} ${result.stderr}`).not.toThrow();
    expect(`${result.stdout}${result.stderr}`, label).not.toContain("\x1b[");
  });
  const exported = await hsAsync(["log", "export", "--json", "--no-color"], { cwd: fx.main });
  expect(exported.stdout.trim().split("\n").every((line) => JSON.parse(line).seq > 0)).toBe(true);
});

/** Options go before a `--`, if there is one. */
function splice(args: string[], options: string[]): string[] {
  const split = args.indexOf("--");
  return split < 0 ? [...args, ...options] : [...args.slice(0, split), ...options, ...args.slice(split)];
}
