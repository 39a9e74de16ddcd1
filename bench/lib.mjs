// Shared benchmark helpers: time a command many times and report it as a ratio against raw git measured in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs fn `times` times and returns the per-call durations in ms. */
export function timeMany(times, fn) {
  const durations = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    fn(i);
    durations.push(performance.now() - start);
  }
  return durations;
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (options.check !== false && result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return result;
}

const rows = [];

/**
 * Records one figure. `hsMs` is the hs path, `gitMs` the raw-git baseline measured in the same run,
 * `budget` (optional) a human-readable budget from DESIGN.md, `addedBudgetMs` an absolute added-time budget.
 */
export function report({ name, hsMs, gitMs, unit = "ms", budget = "", addedBudgetMs }) {
  const ratio = gitMs > 0 ? hsMs / gitMs : NaN;
  const added = hsMs - gitMs;
  const within = addedBudgetMs === undefined ? "" : added <= addedBudgetMs ? "within budget" : "OVER BUDGET";
  rows.push({ name, hsMs, gitMs, ratio, added, budget, within });
  const fmt = (value) => (Number.isFinite(value) ? value.toFixed(2) : String(value));
  console.log(
    `${name}: hs ${fmt(hsMs)} ${unit} vs raw git ${fmt(gitMs)} ${unit} -> ratio ${fmt(ratio)}x, added ${fmt(added)} ${unit}` +
      (budget ? ` (budget: ${budget}${within ? `; ${within}` : ""})` : ""),
  );
}

/** A figure with no git baseline (memory, events/s); printed with the raw-git reference it is compared to, if any. */
export function note(text) {
  rows.push({ note: text });
  console.log(text);
}

export function results() {
  return rows;
}

export const HS = new URL("../bin/hs", import.meta.url).pathname;

/** A clean git environment with a fixed identity: no user or system config leaks into a measurement. */
export const BENCH_ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GIT_") && !key.startsWith("HS_"))),
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "b",
  GIT_AUTHOR_EMAIL: "b@e",
  GIT_COMMITTER_NAME: "b",
  GIT_COMMITTER_EMAIL: "b@e",
};

/** A repository with 200 files, hs initialised, and one worktree session `bench` scoped to src/**. */
export function benchSession(prefix) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const repo = path.join(dir, "repo");
  fs.mkdirSync(path.join(repo, "src"), { recursive: true });
  const git = (args, cwd = repo) => run("git", args, { cwd, env: BENCH_ENV });
  git(["init", "-q", "-b", "main"]);
  for (let i = 0; i < 200; i += 1) fs.writeFileSync(path.join(repo, "src", `f${i}.ts`), `export const v${i} = ${i};\n`);
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "init"]);
  run(process.execPath, [HS, "init", "--worktrees-dir", "../wts"], { cwd: repo, env: BENCH_ENV });
  run(process.execPath, [HS, "session", "create", "--id", "bench", "--scope", "src/**"], { cwd: repo, env: BENCH_ENV });
  return { dir, repo, worktree: path.join(dir, "wts", "bench"), bin: path.join(repo, ".handshake", "sessions", "bench", "bin") };
}

/** `dir/repo` with `files` small files under src/d<N>/ (500 a folder), written with fast-import and checked out. */
export function fastImportRepo(dir, files, env = BENCH_ENV) {
  const repo = path.join(dir, "repo");
  const git = (cwd, args, options = {}) => run("git", args, { cwd, env, ...options });
  git(dir, ["init", "-q", "-b", "main", repo]);
  git(repo, ["config", "gc.auto", "0"]);
  let stream = "commit refs/heads/main\ncommitter b <b@b> 0 +0000\ndata 4\nbig\n";
  for (let i = 0; i < files; i += 1) {
    const content = `export const v${i} = ${i};\n`;
    stream += `M 100644 inline src/d${Math.floor(i / 500)}/f${i}.ts\ndata ${Buffer.byteLength(content)}\n${content}`;
  }
  git(repo, ["fast-import", "--quiet"], { input: stream });
  git(repo, ["checkout", "-q", "-f", "main"]);
  return repo;
}
