import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { hs, REPO_ROOT } from "../helpers/hs.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hookSnapshot } from "./snapshot.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** sha256 of every file hs owns for hooks, plus the config value. */
function hsState(): string {
  const dir = path.join(repo.root, ".git", "hs");
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const parts = files.map((e) => {
    const full = path.join(e.parentPath ?? (e as any).path, e.name);
    return `${path.relative(dir, full)} ${crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex")} ${fs.statSync(full).mtimeMs}`;
  });
  return [...parts.sort(), repo.git(["config", "core.hooksPath"]).stdout].join("\n");
}

describe("hs init / hs uninstall", () => {
  it("installs a script for every git hook name, executable, fingerprinted, with node and the bundle by absolute path", () => {
    repo = makeTempRepo();
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    const dir = path.join(repo.root, ".git", "hs", "hooks");
    const names = fs.readdirSync(dir).sort();
    expect(names).toContain("pre-commit");
    expect(names).toContain("post-checkout");
    expect(names).toContain("reference-transaction");
    expect(names).not.toContain("push-to-checkout"); // its mere presence changes git's behaviour
    for (const name of names) expect(fs.statSync(path.join(dir, name)).mode & 0o111).toBe(0o111);
    const preCommit = fs.readFileSync(path.join(dir, "pre-commit"), "utf8");
    expect(preCommit).toContain("# hs-managed-hook v1");
    const dedicated = fs.existsSync(path.join(REPO_ROOT, "dist", "hs-hook.js"));
    const entry = dedicated ? `'${path.join(REPO_ROOT, "dist", "hs-hook.js")}'` : `'${path.join(REPO_ROOT, "dist", "hs.js")}' '__hook'`;
    expect(preCommit).toContain(`exec '${fs.realpathSync(process.execPath)}' ${entry} pre-commit "$c" "$@"`);
    const record = JSON.parse(fs.readFileSync(path.join(repo.root, ".git", "hs", "install.json"), "utf8"));
    expect(record).toMatchObject({ schema: "hs.hooks-install@1", previous_hooks_path: null, chain_kind: "git-hooks", chain_dir: path.join(repo.root, ".git", "hooks") });
  });

  it("is idempotent: a second init changes no byte, no mtime and records no second hooks.installed", () => {
    repo = makeTempRepo();
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    const first = hsState();
    const again = hs(["init", "--json"], { cwd: repo.root });
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ initialised: false, hooks_changed: false });
    expect(hsState()).toBe(first);
    const installed = hs(["log", "--type", "hooks.installed", "--json"], { cwd: repo.root }).json();
    expect(installed).toHaveLength(1);
  });

  it("works in a repository with no commits", () => {
    repo = makeTempRepo({ commit: false });
    const before = hookSnapshot(repo);
    const init = hs(["init"], { cwd: repo.root });
    expect(init.code, init.stderr).toBe(0);
    repo.write("a.txt", "first\n");
    repo.git(["add", "a.txt"]);
    expect(repo.git(["commit", "-q", "-m", "first"]).code).toBe(0);
    expect(hs(["uninstall"], { cwd: repo.root }).code).toBe(0);
    expect(hookSnapshot(repo)).toEqual(before);
  });

  it("run from a linked worktree: installs for the whole repository, .handshake/ at the main root", () => {
    repo = makeTempRepo();
    const log = path.join(repo.dir, "hook.log");
    fs.writeFileSync(path.join(repo.root, ".git", "hooks", "pre-commit"), `#!/bin/sh\necho "pre-commit in $(pwd)" >> '${log}'\n`, { mode: 0o755 });
    const linked = path.join(repo.dir, "linked");
    repo.git(["worktree", "add", "-q", linked, "-b", "feature"]);
    const init = hs(["init", "--json"], { cwd: linked });
    expect(init.code, init.stderr).toBe(0);
    expect(init.json()).toMatchObject({ main_root: repo.root, hooks_dir: path.join(repo.root, ".git", "hs", "hooks") });
    expect(fs.existsSync(path.join(repo.root, ".handshake", "workspace.json"))).toBe(true);
    expect(fs.existsSync(path.join(linked, ".handshake"))).toBe(false);
    fs.writeFileSync(path.join(linked, "x.txt"), "x\n");
    repo.git(["add", "x.txt"], { cwd: linked });
    repo.git(["commit", "-q", "-m", "x"], { cwd: linked });
    expect(fs.readFileSync(log, "utf8")).toBe(`pre-commit in ${linked}\n`);
  });

  it("after husky takes core.hooksPath back, hs init re-chains husky and uninstall restores husky's setting", () => {
    repo = makeTempRepo();
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    const husky = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "husky", "bin.js")], { cwd: repo.root, env: cleanEnv(), encoding: "utf8" });
    expect(husky.status).toBe(0);
    const before = hookSnapshot(repo);
    const again = hs(["init", "--json"], { cwd: repo.root });
    expect(again.json().chained).toEqual({ kind: "husky", dir: ".husky/_", previous_hooks_path: ".husky/_" });
    expect(hs(["doctor", "--json"], { cwd: repo.root }).json().findings.filter((f: { code: string }) => f.code.startsWith("HOOKS"))).toEqual([]);
    expect(hs(["uninstall"], { cwd: repo.root }).code).toBe(0);
    expect(hookSnapshot(repo)).toEqual(before);
  });

  it("uninstall keeps .handshake/ and a hook file someone edited; --purge deletes .handshake/", () => {
    repo = makeTempRepo();
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    const edited = path.join(repo.root, ".git", "hs", "hooks", "post-commit");
    fs.appendFileSync(edited, "# my edit\n");
    const result = hs(["uninstall"], { cwd: repo.root });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("edited after hs init; kept");
    expect(fs.readFileSync(edited, "utf8")).toContain("# my edit");
    expect(repo.git(["config", "--get", "core.hooksPath"], { allowFail: true }).code).toBe(1);
    expect(fs.existsSync(path.join(repo.root, ".handshake", "flight-recorder.db"))).toBe(true);
    const log = hs(["log", "--type", "hooks.removed", "--json"], { cwd: repo.root }).json();
    expect(log).toHaveLength(1);
    expect(hs(["uninstall", "--purge"], { cwd: repo.root }).code).toBe(0);
    expect(fs.existsSync(path.join(repo.root, ".handshake"))).toBe(false);
  });

  it("warns about tracked .handshake/ files (outside gov/) and names the command that untracks them", () => {
    repo = makeTempRepo();
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    repo.write(".handshake/gov/charter.md", "tracked on purpose\n");
    repo.git(["add", "-f", ".handshake/workspace.json", ".handshake/gov/charter.md"]);
    repo.git(["commit", "-q", "-m", "oops"]);
    const again = hs(["init", "--json"], { cwd: repo.root });
    expect(again.code).toBe(0);
    expect(again.json().tracked_state_files).toEqual([".handshake/workspace.json"]);
    expect(again.stderr).toContain("git rm --cached -- '.handshake/workspace.json'");
    expect(again.stderr).not.toContain("charter.md");
  });

  it("init and uninstall are refused inside a session", () => {
    repo = makeTempRepo();
    const inside = hs(["init"], { cwd: repo.root, env: { HS_SESSION_ID: "s1" } });
    expect(inside.code).toBe(77);
    expect(inside.stderr).toContain("HS-OPERATOR-ONLY");
    expect(fs.existsSync(path.join(repo.root, ".handshake"))).toBe(false);
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    const result = hs(["uninstall"], { cwd: repo.root, env: { HS_SESSION_ID: "s1" } });
    expect(result.code).toBe(77);
    expect(result.stderr).toContain("HS-OPERATOR-ONLY");
    expect(repo.git(["config", "core.hooksPath"]).stdout.trim()).toBe(path.join(repo.root, ".git", "hs", "hooks"));
  });
});
