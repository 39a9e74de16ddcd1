// npm run bench [-- NAME... ] [-- --json[=FILE]]: runs every bench/*.bench.mjs in order (or those whose file name
// contains a NAME); each prints figures as ratios against raw git in the same run, with budget and MET/OVER.
// --json writes one object (name -> figures, plus the run's context) to FILE (default bench-results.json).
// HS_BENCH_SMOKE=1 shrinks sizes for the CI smoke run (test/bench/smoke.test.ts); budgets are not judged there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SMOKE, benchFile, summary } from "./lib.mjs";

/** Sizes the bench files read from the environment, for the smoke run (an explicit setting wins). */
const SMOKE_ENV = {
  FR_BENCH_WRITERS: "4", FR_BENCH_PER_WRITER: "20", FR_BENCH_EVENTS: "2000",
  SANDBOX_BENCH_N: "3", SANDBOX_BENCH_FILES: "1000",
  SHIM_BENCH_N: "20", SHIM_BENCH_SLOW_N: "3",
  CHECKPOINT_BENCH_N: "2", CHECKPOINT_BENCH_BIG: "1000",
  SERVER_BENCH_SESSIONS: "3", SERVER_BENCH_APPROVALS: "10",
};
if (SMOKE) for (const [key, value] of Object.entries(SMOKE_ENV)) process.env[key] ??= value;

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const jsonArg = args.find((arg) => arg === "--json" || arg.startsWith("--json="));
const jsonFile = jsonArg ? path.resolve(jsonArg.includes("=") ? jsonArg.slice("--json=".length) : "bench-results.json") : null;
const only = args.filter((arg) => !arg.startsWith("--"));
const files = fs.readdirSync(dir).filter((file) => file.endsWith(".bench.mjs")).sort();
const outcome = {};
const started = { load: os.loadavg().map((value) => Math.round(value * 100) / 100), at: new Date().toISOString() };
for (const file of files) {
  if (only.length && !only.some((name) => file.includes(name))) continue;
  console.log(`\n## ${file}`);
  benchFile(file);
  const t0 = performance.now();
  try {
    const module = await import(pathToFileURL(path.join(dir, file)).href);
    await module.default();
    outcome[file] = { ok: true, seconds: Math.round((performance.now() - t0) / 100) / 10 };
  } catch (error) {
    outcome[file] = { ok: false, seconds: Math.round((performance.now() - t0) / 100) / 10, error: String(error?.message ?? error).split("\n")[0] };
    console.log(`bench ${file} failed: ${error?.stack ?? error}`);
  }
}
const failed = Object.values(outcome).filter((entry) => !entry.ok).length;
if (jsonFile) {
  const context = { started: started.at, load_at_start: started.load, load_at_end: os.loadavg().map((value) => Math.round(value * 100) / 100), cpus: os.cpus().length, node: process.version, smoke: SMOKE };
  fs.writeFileSync(jsonFile, `${JSON.stringify({ context, files: outcome, figures: summary() }, null, 2)}\n`);
  console.log(`\nbench summary written to ${jsonFile}`);
}
process.exitCode = failed ? 1 : 0;
