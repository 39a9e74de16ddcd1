import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { hs, REPO_ROOT } from "../helpers/hs.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hookSnapshot, writeHook } from "./snapshot.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function runTool(bin: string, args: string[]): void {
  const result = spawnSync(bin, args, { cwd: repo.root, env: cleanEnv(), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(" ")} failed: ${result.stdout}${result.stderr}`);
}

function withRemote(): string {
  const remote = path.join(repo.dir, "remote.git");
  repo.git(["init", "-q", "--bare", remote]);
  repo.git(["remote", "add", "origin", remote]);
  return remote;
}

describe("chaining husky (core.hooksPath = .husky/_, set by the real husky)", () => {
  it("husky's hooks run with the same args and stdin; uninstall puts core.hooksPath and .husky back exactly", () => {
    repo = makeTempRepo();
    const log = path.join(repo.dir, "husky.log");
    runTool(process.execPath, [path.join(REPO_ROOT, "node_modules", "husky", "bin.js")]);
    fs.writeFileSync(path.join(repo.root, ".husky", "pre-commit"), `echo "husky pre-commit" >> '${log}'\n`);
    fs.writeFileSync(path.join(repo.root, ".husky", "pre-push"), `echo "husky pre-push [$*]" >> '${log}'\ncat >> '${log}'\n`);
    expect(repo.git(["config", "core.hooksPath"]).stdout.trim()).toBe(".husky/_");
    const before = hookSnapshot(repo);

    const init = hs(["init", "--json"], { cwd: repo.root });
    expect(init.code, init.stderr).toBe(0);
    expect(init.json().chained).toEqual({ kind: "husky", dir: ".husky/_", previous_hooks_path: ".husky/_" });
    repo.write("README.md", "changed\n");
    repo.git(["commit", "-q", "-a", "-m", "operator"]);
    expect(fs.readFileSync(log, "utf8")).toContain("husky pre-commit");

    // an unknown HS_SESSION_ID sends pre-push through Node; husky must still get git's exact stdin
    const remote = withRemote();
    repo.git(["branch", "hs/ghost/x"]);
    fs.writeFileSync(log, "");
    const head = repo.git(["rev-parse", "HEAD"]).stdout.trim();
    const push = repo.git(["push", "origin", "hs/ghost/x"], { env: { HS_SESSION_ID: "ghost" }, allowFail: true });
    expect(push.code, push.stderr).toBe(0);
    expect(fs.readFileSync(log, "utf8")).toBe(`husky pre-push [origin ${remote}]\nrefs/heads/hs/ghost/x ${head} refs/heads/hs/ghost/x ${"0".repeat(40)}\n`);

    expect(hs(["uninstall"], { cwd: repo.root }).code).toBe(0);
    expect(hookSnapshot(repo)).toEqual(before);
  });

  it("hs doctor reports it when husky takes core.hooksPath back (npm install re-runs husky)", () => {
    repo = makeTempRepo();
    runTool(process.execPath, [path.join(REPO_ROOT, "node_modules", "husky", "bin.js")]);
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    runTool(process.execPath, [path.join(REPO_ROOT, "node_modules", "husky", "bin.js")]);
    const doctor = hs(["doctor", "--json"], { cwd: repo.root });
    expect(doctor.code).toBe(1);
    const codes = doctor.json().findings.map((f: { code: string }) => f.code);
    expect(codes).toContain("HOOKS-BYPASSED");
    expect(JSON.stringify(doctor.json())).toContain("hs init");
  });
});

describe("chaining lefthook (its scripts in .git/hooks, installed by the real lefthook)", () => {
  it("lefthook's jobs run, including pre-push with stdin, and uninstall restores .git/hooks exactly", () => {
    repo = makeTempRepo();
    const log = path.join(repo.dir, "lefthook.log");
    fs.writeFileSync(
      path.join(repo.root, "lefthook.yml"),
      `pre-commit:\n  commands:\n    mark:\n      run: echo lefthook-pre-commit >> '${log}'\npre-push:\n  commands:\n    stdin:\n      use_stdin: true\n      run: cat >> '${log}'\n`,
    );
    runTool(path.join(REPO_ROOT, "node_modules", ".bin", "lefthook"), ["install"]);
    expect(fs.readFileSync(path.join(repo.root, ".git", "hooks", "pre-commit"), "utf8")).toContain("lefthook");
    const before = hookSnapshot(repo);

    const init = hs(["init", "--json"], { cwd: repo.root });
    expect(init.code, init.stderr).toBe(0);
    expect(init.json().chained.kind).toBe("lefthook");
    repo.write("README.md", "changed\n");
    repo.git(["commit", "-q", "-a", "-m", "operator"]);
    expect(fs.readFileSync(log, "utf8")).toContain("lefthook-pre-commit");

    withRemote();
    repo.git(["branch", "hs/ghost/x"]);
    fs.writeFileSync(log, "");
    const head = repo.git(["rev-parse", "HEAD"]).stdout.trim();
    const push = repo.git(["push", "-q", "origin", "hs/ghost/x"], { env: { HS_SESSION_ID: "ghost" }, allowFail: true });
    expect(push.code, push.stderr).toBe(0);
    expect(fs.readFileSync(log, "utf8")).toContain(`refs/heads/hs/ghost/x ${head} refs/heads/hs/ghost/x ${"0".repeat(40)}`);

    expect(hs(["uninstall"], { cwd: repo.root }).code).toBe(0);
    expect(hookSnapshot(repo)).toEqual(before);
  });
});
