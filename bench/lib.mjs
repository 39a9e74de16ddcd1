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
let currentFile = null;

/** HS_BENCH_SMOKE=1: the CI smoke run. Sizes shrink, figures still print, budgets are not judged. */
export const SMOKE = process.env.HS_BENCH_SMOKE === "1";

/** A size for this run: `full` normally, `smoke` in the smoke run. Only sizes change, never the method. */
export const sized = (full, smoke) => (SMOKE ? smoke : full);

/** run.mjs names the bench file whose figures follow. */
export function benchFile(file) {
  currentFile = file;
}

const fmt = (value) => (Number.isFinite(value) ? value.toFixed(2) : String(value));

/**
 * MET/OVER against the first budget given: `budgetMs` (hs time), `budgetRatio` (hs / raw), `addedBudgetMs`
 * (hs - raw). "n/a" with none; "smoke" in the smoke run, where sizes are too small for budgets to mean anything.
 */
function verdict({ hsMs, ratio, added, budgetMs, budgetRatio, addedBudgetMs }) {
  if (budgetMs === undefined && budgetRatio === undefined && addedBudgetMs === undefined) return "n/a";
  if (SMOKE) return "smoke";
  const met = (budgetMs === undefined || hsMs <= budgetMs) && (budgetRatio === undefined || ratio <= budgetRatio) && (addedBudgetMs === undefined || added <= addedBudgetMs);
  return met ? "MET" : "OVER";
}

function budgetText({ budget, budgetMs, budgetRatio, addedBudgetMs }, unit) {
  const parts = [];
  if (budgetMs !== undefined) parts.push(`<= ${budgetMs} ${unit}`);
  if (budgetRatio !== undefined) parts.push(`<= ${budgetRatio}x raw`);
  if (addedBudgetMs !== undefined) parts.push(`<= ${addedBudgetMs} ${unit} added`);
  return budget || parts.join(", ") || "none";
}

/**
 * Records one figure: `hsMs` is the hs path, `gitMs` the raw baseline measured in the same run. Budgets (all
 * optional): `budget` a human-readable text from DESIGN.md, `budgetMs` on hs time, `budgetRatio` on hs / raw,
 * `addedBudgetMs` on hs - raw. Every line prints hs, raw, ratio, budget and MET / OVER (n/a without a number).
 */
export function report({ name, hsMs, gitMs, unit = "ms", budget = "", addedBudgetMs, budgetMs, budgetRatio }) {
  const ratio = gitMs > 0 ? hsMs / gitMs : NaN;
  const added = hsMs - gitMs;
  const status = verdict({ hsMs, ratio, added, budgetMs, budgetRatio, addedBudgetMs });
  const budgetLine = budgetText({ budget, budgetMs, budgetRatio, addedBudgetMs }, unit);
  rows.push({ file: currentFile, name, unit, hs: hsMs, raw: gitMs, ratio, added, budget: budgetLine, status });
  console.log(`${name}: hs ${fmt(hsMs)} ${unit} | raw ${fmt(gitMs)} ${unit} | ratio ${fmt(ratio)}x | added ${fmt(added)} ${unit} | budget ${budgetLine} | ${status}`);
}

/** A figure with no raw baseline (memory): value, budget (`max`, same unit) and MET / OVER. */
export function figure({ name, value, unit, max, budget = "" }) {
  const status = max === undefined ? "n/a" : SMOKE ? "smoke" : value <= max ? "MET" : "OVER";
  const budgetLine = budget || (max === undefined ? "none" : `<= ${max} ${unit}`);
  rows.push({ file: currentFile, name, unit, value, budget: budgetLine, status });
  console.log(`${name}: ${fmt(value)} ${unit} | budget ${budgetLine} | ${status}`);
}

/** Context without a figure of its own. */
export function note(text) {
  rows.push({ file: currentFile, note: text });
  console.log(text);
}

export function results() {
  return rows;
}

/** name -> figures, one object, so that two runs compare in one diff. */
export function summary() {
  const figures = {};
  for (const row of rows) {
    if (row.note !== undefined) continue;
    const round = (value) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);
    figures[row.name] = row.value !== undefined
      ? { file: row.file, value: round(row.value), unit: row.unit, budget: row.budget, status: row.status }
      : { file: row.file, hs: round(row.hs), raw: round(row.raw), ratio: round(row.ratio), added: round(row.added), unit: row.unit, budget: row.budget, status: row.status };
  }
  return figures;
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
