// The repository's own hooks (husky 9, lefthook, the pre-commit framework) refuse a bad commit inside a
// sandboxed session exactly as in the main checkout, and hs doctor names a chained hook dir no worktree can find.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { hs, REPO_ROOT } from "../helpers/hs.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const BAD = "src/app.js";

function tool(env: NodeJS.ProcessEnv, bin: string, args: string[]): void {
  const result = spawnSync(bin, args, { cwd: repo.root, env: cleanEnv(env), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(" ")} failed (${result.status}): ${result.stdout}${result.stderr}${result.error ?? ""}`);
}

/** A repo whose hook manager refuses staged `debugger` lines; hs init chains it; one session s1 on src/**. */
function setUp(install: (env: NodeJS.ProcessEnv) => void): NodeJS.ProcessEnv {
  repo = makeTempRepo();
  const env = { HOME: path.join(repo.dir, "home") };
  fs.mkdirSync(env.HOME);
  repo.write(BAD, "export const app = 1;\n");
  install(env);
  repo.git(["add", "-A"]);
  repo.git(["commit", "-q", "-m", "init"], { env });
  const init = hs(["init"], { cwd: repo.root, env });
  expect(init.code, init.stderr).toBe(0);
  const created = hs(["session", "create", "--id", "s1", "--scope", "src/**"], { cwd: repo.root, env });
  expect(created.code, created.stderr).toBe(0);
  return env;
}

/** Commits a `debugger` line in the session (sandboxed) and in the main checkout; both must be refused. */
function expectRefusedBothWays(env: NodeJS.ProcessEnv, message: RegExp): void {
  const head = repo.git(["rev-parse", "hs/s1/work"]).stdout;
  const inSession = hs(["session", "run", "s1", "--", "sh", "-c", `echo 'debugger;' >> ${BAD} && git add ${BAD} && git commit -q -m bad`], { cwd: repo.root, env });
  expect(inSession.code, inSession.stdout + inSession.stderr).not.toBe(0);
  expect(inSession.stdout + inSession.stderr).toMatch(message);
  expect(repo.git(["rev-parse", "hs/s1/work"]).stdout).toBe(head);

  repo.write(BAD, "export const app = 1;\ndebugger;\n");
  repo.git(["add", BAD]);
  const inMain = repo.git(["commit", "-q", "-m", "bad"], { env, allowFail: true });
  expect(inMain.code).not.toBe(0);
  expect(inMain.stdout + inMain.stderr).toMatch(message);

  // and a clean commit still passes inside the session, through hs's scope check and the chained hook
  const clean = hs(["session", "run", "s1", "--", "sh", "-c", "echo ok > src/ok.js && git add src/ok.js && git commit -q -m ok -- src/ok.js"], { cwd: repo.root, env });
  expect(clean.code, clean.stdout + clean.stderr).toBe(0);
}

describe("chained hooks inside sandboxed sessions", () => {
  it("husky 9: .husky/_ is relative and ignored, absent from the session worktree, and still refuses there", () => {
    const env = setUp((env) => {
      tool(env, process.execPath, [path.join(REPO_ROOT, "node_modules", "husky", "bin.js")]);
      fs.writeFileSync(path.join(repo.root, ".husky", "pre-commit"), "git diff --cached -U0 -- '*.js' | grep -q '^+.*debugger' && { echo 'lint: no debugger statements' >&2; exit 1; }\nexit 0\n");
    });
    expect(fs.existsSync(path.join(repo.dir, "repo.hs", "s1", ".husky", "_"))).toBe(false);
    expectRefusedBothWays(env, /lint: no debugger statements/);
    const doctor = hs(["doctor", "--json"], { cwd: repo.root, env });
    expect(doctor.json().findings.filter((f: { code: string }) => f.code.startsWith("HOOKS-"))).toEqual([]);

    // husky's generated dir gone (git clean -fdX): doctor names it for every worktree, with husky's own fix
    fs.rmSync(path.join(repo.root, ".husky", "_"), { recursive: true });
    const broken = hs(["doctor", "--json"], { cwd: repo.root, env });
    expect(broken.code).toBe(1);
    const missing = broken.json().findings.filter((f: { code: string }) => f.code === "HOOKS-CHAIN-MISSING");
    expect(missing.map((f: { what: string }) => f.what.split(" ")[1])).toEqual([repo.root, path.join(repo.dir, "repo.hs", "s1")]);
    expect(missing[0].fix).toBe(`cd '${repo.root}' && npx husky && hs init`);
  });

  it("lefthook: its script in .git/hooks refuses inside the session", () => {
    const env = setUp((env) => {
      repo.write("lefthook.yml", "pre-commit:\n  commands:\n    no-debugger:\n      glob: '*.js'\n      run: '! grep -n debugger {staged_files}'\n");
      tool(env, path.join(REPO_ROOT, "node_modules", ".bin", "lefthook"), ["install"]);
    });
    expectRefusedBothWays(env, /no-debugger/);
  });

  it("the pre-commit framework (Debian's pre-commit): a local pygrep hook refuses inside the session", () => {
    const env = setUp(() => {
      repo.write(".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks:\n      - id: no-debugger\n        name: no debugger statements\n        language: pygrep\n        entry: debugger\n        files: '\\.js$'\n");
      tool({ HOME: path.join(repo.dir, "home") }, "pre-commit", ["install"]);
    });
    expectRefusedBothWays(env, /no debugger statements\.*Failed/);
  });

  it("a non-executable chained hook is a doctor warning with a chmod fix", () => {
    const env = setUp(() => {
      fs.writeFileSync(path.join(repo.root, ".git", "hooks", "pre-commit"), "#!/bin/sh\nexit 1\n", { mode: 0o644 });
    });
    const doctor = hs(["doctor", "--json"], { cwd: repo.root, env });
    const found = doctor.json().findings.filter((f: { code: string }) => f.code === "HOOKS-CHAIN-NOT-EXECUTABLE");
    expect(found.length).toBe(2);
    expect(found[0].fix).toBe(`chmod +x '${path.join(repo.root, ".git", "hooks", "pre-commit")}'`);
  });
});
