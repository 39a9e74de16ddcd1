// Checkpoints (issue 14), as ratios against `git stash create` measured in the same run:
//   cost       — `hs session checkpoint ID` with 10 changed files on a 1,000-file and a 50,000-file worktree,
//                less `hs session checkpoints ID` (same Node start and workspace open, no snapshot), vs
//                `git stash create` in the same worktree state (which, unlike a checkpoint, skips untracked files)
//   gated call — inside the real sandbox, `git add` through the shim after 10 files changed, with checkpoints
//                on vs off: the latency a checkpoint adds to a gated command (budget: < 15 ms median)
// CHECKPOINT_BENCH_N (default 15) runs per figure; CHECKPOINT_BENCH_BIG (default 50000) files of the big case.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_ENV, HS, fastImportRepo, median, note, report, run, timeMany } from "./lib.mjs";

const N = Number(process.env.CHECKPOINT_BENCH_N ?? 15);
const BIG = Number(process.env.CHECKPOINT_BENCH_BIG ?? 50_000);
const hs = (cwd, args) => run(process.execPath, [HS, ...args], { cwd, env: BENCH_ENV });
const git = (cwd, args, options = {}) => run("git", args, { cwd, env: BENCH_ENV, ...options });

function workspace(files) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-ckpt-")));
  const repo = fastImportRepo(dir, files);
  hs(repo, ["init", "--worktrees-dir", "../wts"]);
  hs(repo, ["session", "create", "--id", "b", "--scope", "src/**"]);
  const config = path.join(repo, ".handshake", "workspace.json");
  const setCheckpoints = (enabled) => {
    const json = JSON.parse(fs.readFileSync(config, "utf8"));
    json.checkpoints = { enabled, debounce_ms: 600_000, min_interval_seconds: 86_400, keep_after_close: 20 };
    fs.writeFileSync(config, JSON.stringify(json));
  };
  return { dir, repo, worktree: path.join(dir, "wts", "b"), setCheckpoints };
}

function touch10(worktree, round) {
  for (let i = 0; i < 10; i += 1) fs.appendFileSync(path.join(worktree, "src", "d0", `f${i}.ts`), `// ${round}\n`);
}

function cost(files) {
  const ws = workspace(files);
  try {
    ws.setCheckpoints(true);
    hs(ws.repo, ["session", "checkpoint", "b"]); // the first one hashes every file; later ones only what changed
    const take = [];
    const list = [];
    const stash = [];
    for (let round = 0; round < N; round += 1) {
      touch10(ws.worktree, round);
      stash.push(...timeMany(1, () => git(ws.worktree, ["stash", "create"])));
      take.push(...timeMany(1, () => hs(ws.repo, ["session", "checkpoint", "b"])));
      list.push(...timeMany(1, () => hs(ws.repo, ["session", "checkpoints", "b", "--json"])));
    }
    report({ name: `checkpoint, ${files} files with 10 changed (hs checkpoint less hs checkpoints) vs git stash create`, hsMs: median(take) - median(list), gitMs: median(stash) });
  } finally {
    fs.rmSync(ws.dir, { recursive: true, force: true });
  }
}

function gatedLatency() {
  const ws = workspace(1000);
  try {
    const script = `
      const { spawnSync } = require("node:child_process");
      const fs = require("node:fs");
      const { performance } = require("node:perf_hooks");
      const shim = process.env.PATH.split(":")[0] + "/git";
      const out = [];
      const raw = [];
      const time = (bin, list) => {
        const t = performance.now();
        const r = spawnSync(bin, ["add", "src/d0/f0.ts"], { stdio: "ignore" });
        if (r.status !== 0) throw new Error(bin + " add exited " + r.status);
        list.push(performance.now() - t);
      };
      for (let round = 0; round < ${N * 2}; round += 1) {
        for (let i = 0; i < 10; i += 1) fs.appendFileSync("src/d0/f" + i + ".ts", "// " + round + "\\n");
        time(shim, out);
        fs.appendFileSync("src/d0/f0.ts", "// raw " + round + "\\n");
        time("/usr/bin/git", raw);
      }
      process.stdout.write(JSON.stringify({ out, raw }));`;
    const measure = (enabled) => {
      ws.setCheckpoints(enabled);
      const result = run(process.execPath, [HS, "session", "run", "b", "--", process.execPath, "-e", script], { cwd: ws.worktree, env: BENCH_ENV });
      const { out, raw } = JSON.parse(result.stdout.trim().split("\n").at(-1));
      return { gated: median(out), raw: median(raw) };
    };
    const off = measure(false);
    const on = measure(true);
    report({ name: "gated git add in the sandbox after 10 files changed, checkpoints on vs off (1,000 files)", hsMs: on.gated, gitMs: off.gated, budget: "checkpoint adds < 15 ms (issue 14)", addedBudgetMs: 15, budgetMs: 15 });
    report({ name: "gated git add in the sandbox after 10 files changed, checkpoint included, vs /usr/bin/git add (1,000 files)", hsMs: on.gated, gitMs: on.raw, budget: "<= 10 ms added incl. the checkpoint (issue 15)", addedBudgetMs: 10, budgetMs: 10 });
  } finally {
    fs.rmSync(ws.dir, { recursive: true, force: true });
  }
}

export default function main() {
  cost(1000);
  gatedLatency();
  cost(BIG);
  note("checkpoint store: .handshake/checkpoints.git (alternates to the shared store; only changed blobs are new objects)");
}
