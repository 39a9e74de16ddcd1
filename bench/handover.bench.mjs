// The trust boundary's costs, as ratios against bare git in the same run:
//   object hand-over — a session's 1,000 changed files written to its private store (as the sandbox does), then
//     `hs merge-back --apply` (imports the store by content, verifies, applies) and `hs session close`, vs the bare
//     git doing the same work (pack + index-pack of those objects, format-patch, merge-tree, update-ref / worktree
//     remove + cherry);
//   hardened status — one host-side `git status` of a 5,000-file session worktree with the hardened runner's
//     environment and flags (config enumeration + explicit GIT_DIR/GIT_WORK_TREE + overrides), vs plain `git status`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, report, run, sized } from "./lib.mjs";

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

function repoWith(dir, files) {
  const repo = path.join(dir, "repo");
  git(dir, ["init", "-q", "-b", "main", repo]);
  git(repo, ["config", "gc.auto", "0"]);
  let stream = "commit refs/heads/main\ncommitter b <b@b> 0 +0000\ndata 4\nbig\n";
  for (let i = 0; i < files; i += 1) stream += `M 100644 inline src/d${Math.floor(i / 500)}/f${i}.ts\ndata ${String(i).length + 1}\n${i}\n`;
  git(repo, ["fast-import", "--quiet"], { input: stream });
  git(repo, ["checkout", "-q", "-f", "main"]);
  hs(repo, ["init"]);
  return repo;
}

/** A session whose 1,000-file commit lives only in its private store, as a sandboxed commit leaves it. */
function sessionWithWork(repo, id) {
  hs(repo, ["session", "create", "--id", id, "--scope", "src/**"]);
  hs(repo, ["session", "run", id, "--", "true"]); // creates the private store, as the first sandboxed start does
  const wt = JSON.parse(hs(repo, ["session", "show", id, "--json"]).stdout).worktree;
  const store = path.join(repo, ".git", "hs-objects", id);
  for (let i = 0; i < 1_000; i += 1) fs.writeFileSync(path.join(wt, `src/d${Math.floor(i / 500)}/f${i}.ts`), `changed ${id} ${i}\n`);
  const inStore = { GIT_OBJECT_DIRECTORY: store, GIT_ALTERNATE_OBJECT_DIRECTORIES: path.join(repo, ".git", "objects") };
  git(wt, ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-a", "-m", id], { env: { ...env, ...inStore } });
  return { wt, store, head: git(wt, ["rev-parse", "HEAD"], { env: { ...env, ...inStore } }).stdout.trim() };
}

function handover(dir) {
  const repo = repoWith(dir, sized(5_000, 1_000));
  const base = git(repo, ["rev-parse", "main"]).stdout.trim();
  const applyTimes = [], closeTimes = [], bareApply = [], bareClose = [];
  for (let round = 0; round < sized(3, 1); round += 1) {
    const { wt, store, head } = sessionWithWork(repo, `h${round}`);
    const storeEnv = { ...env, GIT_OBJECT_DIRECTORY: store, GIT_ALTERNATE_OBJECT_DIRECTORIES: path.join(repo, ".git", "objects") };
    bareApply.push(timed(() => {
      const pack = run("git", ["pack-objects", "--stdout", "--revs", "-q"], { cwd: wt, env: storeEnv, input: `${head}\n^${base}\n`, encoding: null }).stdout;
      run("git", ["index-pack", "--stdin", "--fsck-objects"], { cwd: path.join(dir, "..", "scratch"), env: { ...env, GIT_DIR: path.join(dir, "..", "scratch.git") }, input: pack, encoding: null });
      git(wt, ["format-patch", "--binary", "--stdout", `${base}..${head}`], { env: storeEnv });
      git(wt, ["merge-tree", "--write-tree", "-z", "--messages", base, head], { env: storeEnv, check: false });
    }));
    applyTimes.push(timed(() => hs(repo, ["merge-back", `h${round}`, "--apply", "--json"])));
    git(repo, ["update-ref", "refs/heads/main", base]);
    git(repo, ["reset", "-q", "--hard", base]);
    bareClose.push(timed(() => {
      git(repo, ["cherry", "main", head], { check: false });
      git(wt, ["status", "--porcelain", "-z"]);
    }));
    closeTimes.push(timed(() => hs(repo, ["session", "close", `h${round}`, "--discard", "--reason", "bench"], { check: false, input: "" })));
  }
  report({ name: "hand-over: merge-back --apply of a 1,000-file session (import by content + verify + apply)", hsMs: median(applyTimes), gitMs: median(bareApply) });
  report({ name: "hand-over: session close of that session (loss proof, last import, store removed)", hsMs: median(closeTimes), gitMs: median(bareClose) });
}

function hardenedStatus(dir) {
  const repo = repoWith(dir, sized(5_000, 1_000));
  hs(repo, ["session", "create", "--id", "st", "--scope", "src/**"]);
  const wt = JSON.parse(hs(repo, ["session", "show", "st", "--json"]).stdout).worktree;
  fs.writeFileSync(path.join(wt, "src/d0/f1.ts"), "dirty\n");
  const gitDir = path.join(repo, ".git", "worktrees", "st");
  const hardenedEnv = { ...env, GIT_DIR: gitDir, GIT_COMMON_DIR: path.join(repo, ".git"), GIT_WORK_TREE: wt, GIT_ATTR_NOSYSTEM: "1", GIT_NO_REPLACE_OBJECTS: "1", GIT_OPTIONAL_LOCKS: "0" };
  // Mirrors src/git/session-git.ts (HARDENED_CONFIG_ARGS + WORKTREE_CONFIG_ARGS + the config enumeration).
  const fixed = ["core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat", "core.untrackedCache=false", "submodule.recurse=false", "diff.ignoreSubmodules=all", "status.submoduleSummary=false", "gc.auto=0"].flatMap((kv) => ["-c", kv]);
  const hardened = () => {
    git(wt, [...fixed, "config", "--list", "--name-only", "-z"], { env: hardenedEnv });
    git(wt, ["--no-optional-locks", ...fixed, "status", "--ignore-submodules=all", "--porcelain=v1", "-z", "--untracked-files=all"], { env: hardenedEnv });
  };
  const bare = () => git(wt, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  hardened();
  bare();
  const h = [], b = [];
  for (let round = 0; round < 15; round += 1) (h.push(timed(hardened)), b.push(timed(bare)));
  report({ name: "host-side status of a 5,000-file session worktree, hardened runner vs plain git status", hsMs: median(h), gitMs: median(b) });
}

export default async function () {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-handover-")));
  try {
    for (const sub of ["a", "b", "scratch"]) fs.mkdirSync(path.join(dir, sub));
    git(dir, ["init", "-q", "--bare", "scratch.git"]);
    handover(path.join(dir, "a"));
    hardenedStatus(path.join(dir, "b"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
