// Session host figures (issue 4), as ratios against the unsandboxed/raw baseline measured in the same run:
//   sandbox start-up   — `bwrap` with the session profile's namespaces running `true`, vs `true` alone;
//                        and the whole `hs session run ID -- true` vs Node's own start (`hs --version`)
//   gated decisions    — inside a real sandboxed session, `git add FILE` through the shim (C client ->
//                        host socket -> decideAndRecord -> checkpoint) vs the real /usr/bin/git, interleaved call
//                        by call (issue 15 budget: <= 10 ms added including the checkpoint, median)
//   watcher            — the host's tree watcher (inotify per folder, ignore globs, no initial events) on a
//                        50,000-file worktree: time to ready, resident memory added, time to flag a write
// SANDBOX_BENCH_N (default 30) calls per gated figure; SANDBOX_BENCH_FILES (default 50000) watcher files.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { BENCH_ENV, HS, benchSession, figure, median, note, report, run, timeMany } from "./lib.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const N = Number(process.env.SANDBOX_BENCH_N ?? 30);
const FILES = Number(process.env.SANDBOX_BENCH_FILES ?? 50_000);

function setup() {
  return benchSession("hs-bench-sbx-");
}

function startup(ctx) {
  const bwrap = ["--die-with-parent", "--unshare-pid", "--unshare-ipc", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind", ctx.worktree, ctx.worktree, "--new-session", "--", "/bin/true"];
  const raw = [];
  const boxed = [];
  for (let i = 0; i < N * 3; i += 1) {
    raw.push(...timeMany(1, () => run("/bin/true", [])));
    boxed.push(...timeMany(1, () => run("bwrap", bwrap)));
  }
  report({ name: "sandbox start-up: bwrap (session namespaces) running true vs true unsandboxed", hsMs: median(boxed), gitMs: median(raw), budget: "bwrap adds ~6 ms (DESIGN.md)" });
  const node = timeMany(Math.max(5, N / 3), () => run(process.execPath, [HS, "--version"], { env: BENCH_ENV }));
  const hostRuns = timeMany(Math.max(5, N / 3), () => run(process.execPath, [HS, "session", "run", "bench", "--", "/bin/true"], { cwd: ctx.repo, env: BENCH_ENV }));
  report({ name: "whole `hs session run ID -- true` (host, socket, watcher, bwrap, state changes) vs `hs --version`", hsMs: median(hostRuns), gitMs: median(node) });
  // Session start beyond hs's own process start: what `hs session run` adds to `hs --version`, against a bare bwrap.
  report({ name: "session start: `hs session run ID -- true` - `hs --version`, vs a bare `bwrap … true`", hsMs: median(hostRuns) - median(node), gitMs: median(boxed), budget: "<= 100 ms over a bare bwrap (issue 15)", addedBudgetMs: 100 });
}

function gated(ctx) {
  // Runs inside the sandboxed session: times each call with performance.now in one Node process.
  const script = `
    const { spawnSync } = require("node:child_process");
    const { performance } = require("node:perf_hooks");
    const time = (cmd, args) => { const t = performance.now(); const r = spawnSync(cmd, args, { stdio: "ignore" }); if (r.status !== 0) throw new Error(cmd + " " + args.join(" ") + " exited " + r.status); return performance.now() - t; };
    const shim = process.env.PATH.split(":")[0] + "/git";
    const out = { shim: [], real: [], fast: [], realStatus: [] };
    for (let i = 0; i < ${N}; i += 1) {
      require("node:fs").appendFileSync("src/f1.ts", "// " + i + "\\n");
      out.shim.push(time(shim, ["add", "src/f1.ts"]));
      require("node:fs").appendFileSync("src/f1.ts", "// r" + i + "\\n");
      out.real.push(time("/usr/bin/git", ["add", "src/f1.ts"]));
      out.fast.push(time(shim, ["status", "--porcelain"]));
      out.realStatus.push(time("/usr/bin/git", ["status", "--porcelain"]));
    }
    console.log(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, [HS, "session", "run", "bench", "--", "node", "-e", script], { cwd: ctx.repo, env: BENCH_ENV, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`in-session timing failed (${result.status}): ${result.stderr}`);
  const out = JSON.parse(result.stdout.trim().split("\n").pop());
  report({ name: "inside the sandbox: git add FILE through the shim + warm host (C client), checkpoint included, vs /usr/bin/git add", hsMs: median(out.shim), gitMs: median(out.real), budget: "<= 10 ms added incl. the checkpoint (median)", addedBudgetMs: 10, budgetMs: 10 });
  report({ name: "inside the sandbox: git status through the shim fast path vs /usr/bin/git status", hsMs: median(out.fast), gitMs: median(out.realStatus), budget: "<= 1 ms added (median)", addedBudgetMs: 1, budgetMs: 1 });
}

async function watcher(ctx) {
  const tree = path.join(ctx.dir, "watch-tree");
  for (let d = 0; d < FILES / 100; d += 1) {
    const folder = path.join(tree, "src", `d${d}`);
    fs.mkdirSync(folder, { recursive: true });
    for (let f = 0; f < 100; f += 1) fs.writeFileSync(path.join(folder, `f${f}.ts`), "x\n");
  }
  fs.mkdirSync(path.join(tree, "node_modules", "big"), { recursive: true });
  for (let f = 0; f < 2000; f += 1) fs.writeFileSync(path.join(tree, "node_modules", "big", `m${f}.js`), "x\n");
  // A fresh process, so the memory figure is the watcher's alone: hs's own tree watcher and ignore matcher
  // (src/sandbox/dir-watch.ts, watcher.ts), bundled as the host runs them, with the default ignore globs.
  const lib = path.join(ctx.dir, "watch-lib.mjs");
  const { build } = await import("esbuild");
  await build({
    stdin: { contents: `export { watchTree } from "./src/sandbox/dir-watch.ts"; export { ignoreMatcher } from "./src/sandbox/watcher.ts";`, resolveDir: root, loader: "ts" },
    bundle: true, platform: "node", format: "esm", target: "node20", outfile: lib, logLevel: "error",
    external: ["better-sqlite3", "node-pty"],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  const probe = `
    import { watchTree, ignoreMatcher } from ${JSON.stringify(lib)};
    import fs from "node:fs";
    const root = ${JSON.stringify(tree)};
    const ignored = ignoreMatcher(["**/node_modules/**", "**/.git/**", "**/dist/**", "**/build/**", "**/coverage/**", "**/.next/**", "**/.cache/**", ".git", ".handshake"]);
    global.gc?.();
    const before = process.memoryUsage().rss;
    const start = performance.now();
    const seen = new Map();
    const w = watchTree(root, { ignored, onEvent: (kind, rel) => seen.get(rel)?.(kind) });
    await w.ready;
    const ms = performance.now() - start;
    global.gc?.();
    const rssMb = (process.memoryUsage().rss - before) / 1048576;
    // Time to flag: from the write returning to the watcher's event for that path (outside any scope).
    const flags = [];
    for (const rel of ["outside-scope.txt", "src/d7/outside.md", "src/d3/new-dir/x.ts"]) {
      const arrived = new Promise((resolve) => seen.set(rel, resolve));
      const t = performance.now();
      fs.mkdirSync(${JSON.stringify(tree)} + "/" + rel.split("/").slice(0, -1).join("/"), { recursive: true });
      fs.writeFileSync(${JSON.stringify(tree)} + "/" + rel, "x");
      await Promise.race([arrived, new Promise((r) => setTimeout(r, 5000))]);
      flags.push(performance.now() - t);
    }
    console.log(JSON.stringify({ ms, rssMb, totalMb: process.memoryUsage().rss / 1048576, dirs: w.watchedDirs(), flagMs: Math.max(...flags) }));
    w.close();`;
  const file = path.join(ctx.dir, "watch-probe.mjs");
  fs.writeFileSync(file, probe);
  const result = run(process.execPath, ["--expose-gc", file]);
  const figures = JSON.parse(result.stdout.trim());
  const walk = performance.now();
  run("find", [tree, "-path", "*/node_modules", "-prune", "-o", "-type", "f", "-print"], { stdio: "ignore" });
  const findMs = performance.now() - walk;
  report({ name: `watcher start-up (inotify per folder, ${FILES} files in ${figures.dirs} folders + ignored node_modules) vs find over the same tree`, hsMs: figures.ms, gitMs: findMs });
  report({ name: "watcher: time to flag a write outside the scope (write -> event, worst of 3), vs find over the tree", hsMs: figures.flagMs, gitMs: findMs, budgetMs: 500 });
  figure({ name: `watcher memory on ${FILES} files (resident, added by the watcher)`, value: figures.rssMb, unit: "MB", max: 150 });
  note(`watcher process total ${figures.totalMb.toFixed(1)} MB resident`);
}

export default async function main() {
  const ctx = setup();
  try {
    startup(ctx);
    gated(ctx);
    await watcher(ctx);
  } finally {
    fs.rmSync(ctx.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
