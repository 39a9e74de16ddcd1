// merge-back (artifact + conflict check) for a 1,000-file change, and the conflict radar for 16 sessions on a
// 50,000-file repository, each as a ratio against the bare git commands they run, measured in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fastImportRepo, median, note, report, run } from "./lib.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const HS = path.join(root, "bin", "hs");
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_") && !k.startsWith("HS_"))),
  GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" };
const git = (cwd, args, options = {}) => run("git", args, { cwd, env, ...options });
const hs = (cwd, args, options = {}) => run(process.execPath, [HS, ...args], { cwd, env, ...options });
const timed = (fn) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** A repository with `files` small files under src/d<N>/, written with fast-import, checked out, hs-initialised. */
function bigRepo(dir, files) {
  const repo = fastImportRepo(dir, files, env);
  hs(repo, ["init"]);
  return repo;
}

function session(repo, id, scope) {
  hs(repo, ["session", "create", "--id", id, "--scope", scope]);
  return JSON.parse(hs(repo, ["session", "show", id, "--json"]).stdout).worktree;
}

function commitFiles(wt, files, tag) {
  for (const file of files) fs.writeFileSync(path.join(wt, file), `export const changed = "${tag}";\n`);
  git(wt, ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-a", "-m", tag]);
  return git(wt, ["rev-parse", "HEAD"]).stdout.trim();
}

/**
 * The bare git a merge-back dry run needs: the refs, the completeness proof of the session's objects, the
 * session worktree's status, the merge base, the commits with their paths, the file list, merge-tree, format-patch.
 */
function neededGit(repo, wt, base, head) {
  git(repo, ["rev-parse", "main^{commit}", "refs/heads/hs/big/work", "--"]);
  git(repo, ["rev-list", "--objects", "--missing=print", head, "--not", "main", "--"]);
  git(wt, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  git(repo, ["merge-base", "main", head]);
  git(repo, ["log", "-z", "--no-renames", "--raw", "--format=%H %s", head, `^${base}`, "^main", "--"]);
  git(repo, ["diff-tree", "-r", "-z", "-M", base, head]);
  git(repo, ["merge-tree", "--write-tree", "-z", "--messages", "main", head], { check: false });
  git(repo, ["format-patch", "--binary", "--stdout", `${base}..${head}`]);
}

function mergeBackBench(dir) {
  const repo = bigRepo(dir, 5_000);
  const wt = session(repo, "big", "src/**");
  const base = git(repo, ["rev-parse", "main"]).stdout.trim();
  const head = commitFiles(wt, Array.from({ length: 1_000 }, (_, i) => `src/d${Math.floor(i / 500)}/f${i}.ts`), "thousand");
  // the target moves too, so merge-tree has real work
  fs.writeFileSync(path.join(repo, "src/d9/f4999.ts"), "main moved\n");
  git(repo, ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", "main moves"]);
  const hsTimes = [];
  const gitTimes = [];
  const neededTimes = [];
  const startTimes = [];
  for (let round = 0; round < 5; round += 1) {
    hsTimes.push(timed(() => hs(repo, ["merge-back", "big", "--json"])));
    gitTimes.push(timed(() => {
      git(repo, ["format-patch", "--binary", "--stdout", `${base}..${head}`]);
      git(repo, ["merge-tree", "--write-tree", "-z", "--messages", "main", head], { check: false });
    }));
    neededTimes.push(timed(() => neededGit(repo, wt, base, head)));
    startTimes.push(timed(() => hs(repo, ["--version"])));
  }
  // hs is a Node program: its process start (`hs --version`, ~90 ms here) is paid once per command whatever the change
  // size, so the budget line compares what hs adds after it with the bare git the dry run needs.
  const [hsMs, needed, start] = [median(hsTimes), median(neededTimes), median(startTimes)];
  report({ name: "merge-back dry run, 1,000-file change, after hs's process start (hs - `hs --version`) vs the bare git it needs", hsMs: hsMs - start, gitMs: needed, budget: "<= 1.5x the git it needs (issue 15)", budgetRatio: 1.5 });
  report({ name: "merge-back dry run, 1,000-file change, whole command (incl. Node start) vs the bare git it needs", hsMs, gitMs: needed });
  report({ name: "merge-back dry run, 1,000-file change, whole command vs format-patch + merge-tree only", hsMs, gitMs: median(gitTimes) });
}

function radarBench(dir) {
  const repo = bigRepo(dir, 50_000);
  const heads = [];
  for (let s = 0; s < 16; s += 1) {
    const wt = session(repo, `r${s}`, `src/d${s}/**`);
    // each session edits its own folder; every fourth also edits a file the next one edits (a real conflict)
    const files = [`src/d${s}/f${s * 500}.ts`, `src/d${s}/f${s * 500 + 1}.ts`];
    if (s % 4 === 0) files.push(`src/d${s + 1}/f${(s + 1) * 500}.ts`);
    heads.push({ wt, head: commitFiles(wt, files, `r${s}`) });
  }
  fs.writeFileSync(path.join(repo, "src/d3/f1500.ts"), "main moved\n");
  git(repo, ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", "main moves"]);
  const base = git(repo, ["rev-parse", "main~1"]).stdout.trim();
  const cache = path.join(repo, ".handshake", "cache", "radar.json");
  const measure = (args, cold) => {
    const times = [];
    for (let round = 0; round < 3; round += 1) {
      if (cold) fs.rmSync(cache, { force: true });
      times.push(timed(() => hs(repo, ["conflicts", "--json", ...args])));
    }
    return median(times);
  };
  // the bare git commands the radar runs: ref listing, one diff per session and for the target, the merge-trees
  // it needs (pairs whose changes touch a common path, and each session vs the moved target), one status per worktree
  const bare = (withStatus) => median([0, 1, 2].map(() => timed(() => {
    git(repo, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/"]);
    git(repo, ["diff", "--no-ext-diff", "-z", "--name-only", base, "main"]);
    for (const { head } of heads) git(repo, ["diff", "--no-ext-diff", "-z", "--name-only", base, head]);
    for (let s = 0; s < 16; s += 4) git(repo, ["merge-tree", "--write-tree", "-z", "--messages", heads[s].head, heads[s + 1].head], { check: false });
    git(repo, ["merge-tree", "--write-tree", "-z", "--messages", "main", heads[3].head], { check: false });
    if (withStatus) for (const { wt } of [{ wt: repo }, ...heads]) git(wt, ["status", "--porcelain=v1", "-z", "--untracked-files=normal"]);
  })));
  const cold = measure([], true);
  const warm = measure([], false);
  const coldNoDirty = measure(["--no-dirty"], true);
  const warmNoDirty = measure(["--no-dirty"], false);
  const withStatus = bare(true);
  const withoutStatus = bare(false);
  report({ name: "radar, 16 sessions, 50,000 files, cold cache (incl. 17 worktree status scans)", hsMs: cold, gitMs: withStatus, budget: "<= 300 ms" });
  report({ name: "radar, 16 sessions, 50,000 files, warm cache (incl. status scans)", hsMs: warm, gitMs: withStatus, budget: "<= 300 ms" });
  report({ name: "radar --no-dirty, cold cache", hsMs: coldNoDirty, gitMs: withoutStatus, budget: "<= 300 ms" });
  report({ name: "radar --no-dirty, warm cache", hsMs: warmNoDirty, gitMs: withoutStatus, budget: "<= 300 ms" });
  const stats = JSON.parse(hs(repo, ["conflicts", "--json"]).stdout).stats;
  note(`radar stats (warm): ${JSON.stringify(stats)}; cpus: ${os.cpus().length}`);
}

export default async function () {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-merge-")));
  try {
    fs.mkdirSync(path.join(dir, "a"));
    fs.mkdirSync(path.join(dir, "b"));
    mergeBackBench(path.join(dir, "a"));
    radarBench(path.join(dir, "b"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
