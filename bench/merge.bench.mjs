// merge-back (artifact + conflict check) for a 1,000-file change, and the conflict radar for 16 sessions on a
// 50,000-file repository, each as a ratio against the bare git commands they run, measured in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fastImportRepo, median, note, report, run, sized } from "./lib.mjs";

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
  const files = sized(5_000, 1_000);
  const repo = bigRepo(dir, files);
  const wt = session(repo, "big", "src/**");
  const base = git(repo, ["rev-parse", "main"]).stdout.trim();
  const head = commitFiles(wt, Array.from({ length: sized(1_000, 100) }, (_, i) => `src/d${Math.floor(i / 500)}/f${i}.ts`), "thousand");
  // the target moves too, so merge-tree has real work
  fs.writeFileSync(path.join(repo, `src/d${Math.floor((files - 1) / 500)}/f${files - 1}.ts`), "main moved\n");
  git(repo, ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", "main moves"]);
  const hsTimes = [];
  const gitTimes = [];
  const neededTimes = [];
  const startTimes = [];
  for (let round = 0; round < sized(5, 1); round += 1) {
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

/** `hs conflicts --json` reports where each session's dirty files came from: the figure is only what it says if so. */
function requireSources(repo, expected, sessions) {
  const report = JSON.parse(hs(repo, ["conflicts", "--json"]).stdout);
  const wrong = report.sessions.filter((row) => row.dirty_source !== expected || row.dirty !== 1);
  if (wrong.length || report.sessions.length !== sessions) {
    throw new Error(`radar bench: expected ${sessions} sessions with 1 dirty file from ${expected}, got ${JSON.stringify(wrong.slice(0, 3))}`);
  }
  return report.stats;
}

function radarBench(dir) {
  const SESSIONS = sized(16, 2);
  const FILES = sized(50_000, 2_000);
  const repo = bigRepo(dir, FILES);
  const folders = FILES / 500;
  const heads = [];
  for (let s = 0; s < SESSIONS; s += 1) {
    const wt = session(repo, `r${s}`, `src/d${s % folders}/**`);
    // each session edits its own folder; every fourth also edits a file the next one edits (a real conflict)
    const files = [`src/d${s % folders}/f${(s % folders) * 500}.ts`, `src/d${s % folders}/f${(s % folders) * 500 + 1}.ts`];
    if (s % 4 === 0) files.push(`src/d${(s + 1) % folders}/f${((s + 1) % folders) * 500}.ts`);
    heads.push({ wt, head: commitFiles(wt, files, `r${s}`) });
    fs.writeFileSync(path.join(wt, `src/d${s % folders}/wip-${s}.ts`), "uncommitted\n");
  }
  fs.writeFileSync(path.join(repo, "src/d1/f501.ts"), "main moved\n");
  git(repo, ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", "main moves"]);
  const base = git(repo, ["rev-parse", "main~1"]).stdout.trim();
  const cache = path.join(repo, ".handshake", "cache", "radar.json");
  const measure = (args, cold) => {
    const times = [];
    for (let round = 0; round < sized(3, 1); round += 1) {
      if (cold) fs.rmSync(cache, { force: true });
      times.push(timed(() => hs(repo, ["conflicts", "--json", ...args])));
    }
    return median(times);
  };
  // the bare git commands the radar runs: ref listing, one diff per session and for the target, the merge-trees
  // it needs (pairs whose changes touch a common path, and each session vs the moved target), one status per worktree
  const bare = (withStatus) => median(Array.from({ length: sized(3, 1) }, () => timed(() => {
    git(repo, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/"]);
    git(repo, ["diff", "--no-ext-diff", "-z", "--name-only", base, "main"]);
    for (const { head } of heads) git(repo, ["diff", "--no-ext-diff", "-z", "--name-only", base, head]);
    for (let s = 0; s + 1 < SESSIONS; s += 4) git(repo, ["merge-tree", "--write-tree", "-z", "--messages", heads[s].head, heads[s + 1].head], { check: false });
    git(repo, ["merge-tree", "--write-tree", "-z", "--messages", "main", heads[1].head], { check: false });
    if (withStatus) for (const { wt } of [{ wt: repo }, ...heads]) git(wt, ["status", "--porcelain=v1", "-z", "--untracked-files=normal"]);
  })));
  const label = `${SESSIONS} sessions, ${FILES.toLocaleString("en")} files`;
  // No session host runs: every worktree is scanned with the hardened git status (the fallback).
  requireSources(repo, "status", SESSIONS);
  const coldStatus = measure([], true);
  const warmStatus = measure([], false);
  const coldNoDirty = measure(["--no-dirty"], true);
  const warmNoDirty = measure(["--no-dirty"], false);
  // Live hosts (as while agents work): each session's watcher-backed tracker answers over its socket.
  for (let s = 0; s < SESSIONS; s += 1) hs(repo, ["session", "run", `r${s}`, "--detach", "--", "sleep", "3600"]);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        requireSources(repo, "watcher", SESSIONS);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    const cold = measure([], true);
    const warm = measure([], false);
    const withStatus = bare(true);
    const withoutStatus = bare(false);
    const budget = { budgetMs: 300, budget: "<= 300 ms (DESIGN.md)" };
    report({ name: `radar, ${label}, live hosts, cold cache (dirty files from the hosts' watchers + 1 main status)`, hsMs: cold, gitMs: withStatus, ...budget });
    report({ name: `radar, ${label}, live hosts, warm cache (dirty files from the watchers)`, hsMs: warm, gitMs: withStatus, ...budget });
    report({ name: `radar, ${label}, no live host, cold cache (${SESSIONS + 1} hardened status scans)`, hsMs: coldStatus, gitMs: withStatus, ...budget });
    report({ name: `radar, ${label}, no live host, warm cache (status scans)`, hsMs: warmStatus, gitMs: withStatus, ...budget });
    report({ name: `radar --no-dirty, ${label}, cold cache (object import + completeness proof)`, hsMs: coldNoDirty, gitMs: withoutStatus, ...budget });
    report({ name: `radar --no-dirty, ${label}, warm cache`, hsMs: warmNoDirty, gitMs: withoutStatus, ...budget });
    note(`radar stats (warm, live hosts): ${JSON.stringify(requireSources(repo, "watcher", SESSIONS))}; cpus: ${os.cpus().length}`);
  } finally {
    for (let s = 0; s < SESSIONS; s += 1) hs(repo, ["session", "cancel", `r${s}`], { check: false });
  }
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
