// Checkpoints in the real sandbox: in-scope destruction that every guard lets through is recoverable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { buildFixture, diffSnapshots, outsideSnapshot, runIn, type Fixture } from "../sandbox/fixture.ts";

let fx: Fixture;

/** Every file under the worktree except .git: content hash, mode and symlink target. */
function treeState(root: string, under = ""): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (relative: string) => {
    const absolute = path.join(root, relative);
    const stat = fs.lstatSync(absolute);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(absolute)) if (relative || name !== ".git") walk(path.join(relative, name));
    } else if (stat.isSymbolicLink()) out[relative] = `link ${fs.readlinkSync(absolute)}`;
    else out[relative] = `${(stat.mode & 0o777).toString(8)} ${crypto.createHash("sha256").update(fs.readFileSync(absolute)).digest("hex")}`;
  };
  walk(under);
  return out;
}

function configure(main: string): void {
  const file = path.join(main, ".handshake", "workspace.json");
  const config = JSON.parse(fs.readFileSync(file, "utf8"));
  config.checkpoints = { enabled: true, debounce_ms: 200, min_interval_seconds: 0, keep_after_close: 1 };
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
}

function checkpoints(id = "s1"): Array<{ n: number; trigger: string; files: number }> {
  const listed = fx.hs(["session", "checkpoints", id, "--json"]);
  expect(listed.code, listed.stderr).toBe(0);
  return listed.json();
}

beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**", "tools/**"] }, { id: "s2", scope: ["src/**"] }] });
  configure(fx.main);
  const write = (relative: string, content: string | Buffer, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(fx.s1, relative)), { recursive: true });
    fs.writeFileSync(path.join(fx.s1, relative), content, { mode });
    fs.chmodSync(path.join(fx.s1, relative), mode);
  };
  write("src/lib/util.ts", "export const util = 2; // staged\n");
  fx.git(["add", "src/lib/util.ts"], fx.s1);
  write("src/lib/util.ts", "export const util = 3; // unstaged on top of staged\n");
  write("src/bin.dat", crypto.randomBytes(4096));
  write("src/run.sh", "#!/bin/sh\necho run\n", 0o755);
  fs.symlinkSync("app.ts", path.join(fx.s1, "src", "link.ts"));
  write("node_modules/pkg/index.js", "ignored\n");
  write("tools/trunc.py", "import glob\nfor name in glob.glob('src/**/*.ts', recursive=True):\n    open(name, 'w').close()\n");
}, 120_000);

afterAll(() => fx?.cleanup());

describe("checkpoints in the sandbox", () => {
  it("rm -rf src (allowed: in scope) then restore brings back every file, staged state included, byte for byte", async () => {
    const before = treeState(fx.s1, "src");
    const staged = fx.git(["diff", "--cached"], fx.s1);
    const outside = outsideSnapshot(fx);
    const run = await runIn(fx, "rm -rf src");
    expect(run.code, run.stderr).toBe(0);
    expect(fs.existsSync(path.join(fx.s1, "src"))).toBe(false);
    const list = checkpoints();
    const taken = list.find((meta) => meta.trigger === "rm -rf src");
    expect(taken, JSON.stringify(list)).toBeDefined();
    const restored = fx.hs(["session", "restore", "s1", "--checkpoint", String(taken!.n)]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(treeState(fx.s1, "src")).toEqual(before);
    expect(fx.git(["diff", "--cached"], fx.s1)).toBe(staged);
    expect(diffSnapshots(outside, outsideSnapshot(fx))).toEqual([]);
    expect(fx.git(["fsck", "--strict", "--no-dangling"], fx.main)).toBe("");
  });

  it("never includes ignored folders (node_modules), and writes nothing when nothing changed", () => {
    const first = fx.hs(["session", "checkpoint", "s1", "--json"]);
    expect(first.code, first.stderr).toBe(0);
    const again = fx.hs(["session", "checkpoint", "s1", "--json"]);
    expect(again.stdout.trim()).toBe("null");
    const n = checkpoints().at(-1)!.n;
    const diff = fx.hs(["session", "diff", "s1", "--checkpoint", String(n)]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toBe("");
    const store = path.join(fx.main, ".handshake", "checkpoints.git");
    const files = fx.git(["--git-dir", store, "ls-tree", "-r", "--name-only", `refs/hs-checkpoints/s1/${n}`], fx.main);
    expect(files).toContain("src/bin.dat");
    expect(files).not.toContain("node_modules");
  });

  it("a script that truncates in-scope files (no gate sees it) is undone from the checkpoint before it ran", async () => {
    fs.writeFileSync(path.join(fx.s1, "src/fresh.ts"), "written just before the script\n");
    const before = treeState(fx.s1, "src");
    // `git status` is read-only (fast path, no checkpoint); `git add` passes the host, which checkpoints first.
    const run = await runIn(fx, "git add tools/trunc.py && python3 tools/trunc.py");
    expect(run.code, run.stderr).toBe(0);
    expect(fs.readFileSync(path.join(fx.s1, "src/app.ts"), "utf8")).toBe("");
    const taken = checkpoints().filter((meta) => meta.trigger.startsWith("git add tools/trunc.py")).at(-1);
    expect(taken).toBeDefined();
    const restored = fx.hs(["session", "restore", "s1", "--checkpoint", String(taken!.n), "--paths", "src"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(treeState(fx.s1, "src")).toEqual(before);
  });

  it("restore of selected paths leaves the others alone, and a restore can be undone", () => {
    const n = checkpoints().at(-1)!.n;
    fs.writeFileSync(path.join(fx.s1, "src/app.ts"), "bad rewrite\n");
    fs.writeFileSync(path.join(fx.s1, "src/new.ts"), "also changed\n");
    const restored = fx.hs(["session", "restore", "s1", "--checkpoint", String(n), "--paths", "src/app.ts", "--json"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(fs.readFileSync(path.join(fx.s1, "src/new.ts"), "utf8")).toBe("also changed\n");
    expect(fs.readFileSync(path.join(fx.s1, "src/app.ts"), "utf8")).not.toBe("bad rewrite\n");
    const safety = restored.json().safety.n as number;
    const undo = fx.hs(["session", "restore", "s1", "--checkpoint", String(safety), "--paths", "src/app.ts"]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(fs.readFileSync(path.join(fx.s1, "src/app.ts"), "utf8")).toBe("bad rewrite\n");
  });

  it("only the operator restores: a session asking from inside is refused", async () => {
    const n = checkpoints().at(-1)!.n;
    const run = await runIn(fx, `hs session restore s1 --checkpoint ${n}`);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/HS-OPERATOR-ONLY|operator/);
  });

  it("a symlink planted in place of a folder is neither read through by a checkpoint nor written through by a restore", () => {
    const secretDir = path.join(fx.dir, "operator-secrets");
    fs.mkdirSync(secretDir);
    fs.writeFileSync(path.join(secretDir, "util.ts"), "operator secret\n");
    const n = checkpoints().at(-1)!.n;
    fs.rmSync(path.join(fx.s1, "src/lib"), { recursive: true });
    fs.symlinkSync(secretDir, path.join(fx.s1, "src/lib"));
    const taken = fx.hs(["session", "checkpoint", "s1", "--json"]);
    expect(taken.code, taken.stderr).toBe(0);
    const store = path.join(fx.main, ".handshake", "checkpoints.git");
    const secretId = crypto.createHash("sha1").update("blob 16\0operator secret\n").digest("hex");
    expect(fs.existsSync(path.join(store, "objects", secretId.slice(0, 2), secretId.slice(2)))).toBe(false);
    const restored = fx.hs(["session", "restore", "s1", "--checkpoint", String(n), "--paths", "src/lib"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(fs.readFileSync(path.join(secretDir, "util.ts"), "utf8")).toBe("operator secret\n");
    expect(fs.lstatSync(path.join(fx.s1, "src/lib")).isDirectory()).toBe(true);
  });
});
