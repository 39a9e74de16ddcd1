// Times `git commit` of N changed files with hs's hooks on and off (core.hooksPath=/dev/null), alternating, in
// one worktree. Shared by hooks.bench.mjs outside the sandbox and, run as a script, inside `hs session run`.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { median, run } from "./lib.mjs";

/**
 * Wall time plus CPU time (user+sys of git and every hook it waited for, via /usr/bin/time): on a loaded
 * machine wall time mostly measures the queue, CPU time what the hooks cost.
 */
export function commitCost(cwd, files, rounds, prefix, { git = "git", env = process.env, rawHooksPath = "/dev/null" } = {}) {
  const hsTimes = [];
  const rawTimes = [];
  const hsCpu = [];
  const rawCpu = [];
  for (let round = 0; round < rounds * 2; round += 1) {
    const raw = round % 2 === 1;
    for (let i = 0; i < files; i += 1) {
      const file = path.join(cwd, prefix, `f${Math.floor(i / 1000)}`, `file${i}.ts`);
      if (i % 1000 === 0) fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `export const v = ${round};\n`);
    }
    run(git, ["add", "-A", prefix], { cwd, env });
    const args = [...(raw ? ["-c", `core.hooksPath=${rawHooksPath}`] : []), "commit", "-q", "-m", `round ${round}`];
    const start = performance.now();
    const timed = run("/usr/bin/time", ["-f", "%U %S", git, ...args], { cwd, env });
    (raw ? rawTimes : hsTimes).push(performance.now() - start);
    const [user, sys] = timed.stderr.trim().split("\n").pop().split(" ").map(Number);
    (raw ? rawCpu : hsCpu).push((user + sys) * 1000);
  }
  return { wall: { hsMs: median(hsTimes), gitMs: median(rawTimes) }, cpu: { hsMs: median(hsCpu), gitMs: median(rawCpu) } };
}

// inside the sandbox: node bench/hooks-commit.mjs <files> <rounds> <prefix> -> one JSON line per call
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [files, rounds, prefix] = process.argv.slice(2);
  // /usr/bin/git: the shim refuses -c core.hooksPath (the baseline) and would add its own cost to both sides
  console.log(JSON.stringify(commitCost(process.cwd(), Number(files), Number(rounds), prefix, { git: "/usr/bin/git" })));
}
