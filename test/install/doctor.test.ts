import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

interface Finding {
  code: string;
  severity: string;
  what: string;
  why: string;
  fix: string;
}

function doctor(cwd = repo.root): { code: number; findings: Finding[] } {
  const result = hs(["doctor", "--json"], { cwd });
  return { code: result.code, findings: result.json().findings };
}

function initialised(): TempRepo {
  repo = makeTempRepo();
  const init = hs(["init"], { cwd: repo.root });
  if (init.code !== 0) throw new Error(init.stderr);
  return repo;
}

const hooksDir = () => path.join(repo.root, ".git", "hs", "hooks");

describe("hs doctor", () => {
  it("a fresh install is healthy (bubblewrap included) and exits 0", () => {
    initialised();
    const human = hs(["doctor"], { cwd: repo.root });
    expect(human.code, human.stdout + human.stderr).toBe(0);
    expect(human.stdout).toContain("all good");
    expect(human.stdout).toContain("checks: hooks, registry-drift, databases, task-board, tracked-state, bubblewrap");
  });

  it("before hs init: hooks not installed and no workspace, exit 1 with HS-DOCTOR-PROBLEMS", () => {
    repo = makeTempRepo();
    const result = hs(["doctor"], { cwd: repo.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HS-DOCTOR-PROBLEMS");
    expect(result.stdout).toContain("[HOOKS-NOT-INSTALLED]");
    expect(result.stdout).toContain(`fix: cd ${repo.root} && hs init`);
  });

  it("a missing hook and an overwritten hook are reported with the command that repairs them", () => {
    initialised();
    fs.rmSync(path.join(hooksDir(), "pre-push"));
    fs.writeFileSync(path.join(hooksDir(), "pre-commit"), "#!/bin/sh\nexit 0\n");
    const report = doctor();
    expect(report.code).toBe(1);
    const byCode = Object.fromEntries(report.findings.map((f) => [f.code, f]));
    expect(byCode["HOOKS-MISSING"]?.what).toContain("pre-push");
    expect(byCode["HOOKS-MISSING"]?.fix).toBe("hs init");
    expect(byCode["HOOKS-OVERWRITTEN"]?.fix).toBe(`mv '${path.join(hooksDir(), "pre-commit")}' '${path.join(hooksDir(), "pre-commit")}.orig' && hs init`);
    // hs init refuses to overwrite the foreign file, and works once it is moved away as told
    const refused = hs(["init"], { cwd: repo.root });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("HS-HOOKS-FOREIGN");
    fs.renameSync(path.join(hooksDir(), "pre-commit"), path.join(hooksDir(), "pre-commit.orig"));
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    expect(doctor().code).toBe(0);
  });

  it("a per-worktree core.hooksPath that bypasses hs is reported", () => {
    initialised();
    const other = path.join(repo.dir, "other");
    repo.git(["worktree", "add", "-q", other, "-b", "other"]);
    repo.git(["config", "extensions.worktreeConfig", "true"]);
    repo.git(["config", "--worktree", "core.hooksPath", "/dev/null"], { cwd: other });
    const finding = doctor().findings.find((f) => f.code === "HOOKS-BYPASSED-WORKTREE");
    expect(finding?.what).toContain(other);
    expect(finding?.fix).toBe(`git -C '${other}' config --worktree --unset core.hooksPath`);
  });

  it("registry drift: a session whose worktree vanished, and an hs/* worktree the registry does not know", () => {
    initialised();
    const created = hs(["session", "create", "--id", "s1", "--scope", "src/**", "--json"], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
    fs.rmSync(created.json().worktree, { recursive: true, force: true });
    repo.git(["worktree", "prune"]);
    repo.git(["worktree", "add", "-q", path.join(repo.dir, "stray"), "-b", "hs/zz/work"]);
    const report = doctor();
    expect(report.code).toBe(1);
    const missing = report.findings.find((f) => f.code === "REGISTRY-WORKTREE-MISSING");
    expect(missing?.fix).toBe("hs session cancel s1 --reason 'worktree vanished'   (its branch hs/s1/work is kept)");
    const unknown = report.findings.find((f) => f.code === "WORKTREE-UNKNOWN");
    expect(unknown?.what).toContain(path.join(repo.dir, "stray"));
    expect(unknown?.fix).toBe("hs rebuild");
  });

  it("a broken Flight Recorder chain is reported", () => {
    initialised();
    const db = new Database(path.join(repo.root, ".handshake", "flight-recorder.db"));
    db.exec("DROP TRIGGER events_no_update;");
    db.prepare(`UPDATE events SET payload = '{"forged":true}' WHERE seq = 1`).run();
    db.close();
    const finding = doctor().findings.find((f) => f.code === "FR-CHAIN-BROKEN");
    expect(finding?.what).toContain("seq 1");
    expect(finding?.fix).toContain("hs log verify");
  });

  it("a corrupt devcc.db is reported", () => {
    initialised();
    const file = path.join(repo.root, ".handshake", "devcc.db");
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 4096, Math.min(bytes.length, 4096 * 3));
    fs.writeFileSync(file, bytes);
    const report = doctor();
    expect(report.code).toBe(1);
    expect(report.findings.map((f) => f.code)).toContain("DB-CORRUPT");
  });

  it("tracked files under .handshake/ (outside gov/) are reported", () => {
    initialised();
    repo.git(["add", "-f", ".handshake/workspace.json"]);
    repo.git(["commit", "-q", "-m", "oops"]);
    const finding = doctor().findings.find((f) => f.code === "STATE-TRACKED");
    expect(finding?.fix).toBe("git rm --cached -- '.handshake/workspace.json'");
  });
});
