// The benches as a CI smoke run (HS_BENCH_SMOKE=1: small sizes, no budgets judged), so they never rot: every
// bench file runs to the end and prints its figures, each line with hs, raw, ratio, budget and a verdict.
// About a minute on an idle 2-core machine; the timeout leaves room for a loaded one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

function runBench(jsonFile: string, file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "bench", "run.mjs"), file, `--json=${jsonFile}`], {
      cwd: root,
      env: { ...process.env, HS_BENCH_SMOKE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

interface Summary {
  context: { smoke: boolean };
  files: Record<string, { ok: boolean; error?: string }>;
  figures: Record<string, { file: string; status: string; hs?: number | null; raw?: number | null; value?: number | null }>;
}

// One test per bench file: a single test running for minutes trips vitest's worker RPC timeout (60 s).
const benchFiles = fs.readdirSync(path.join(root, "bench")).filter((file) => file.endsWith(".bench.mjs")).sort();

describe("npm run bench, smoke sizes", () => {
  it.each(benchFiles)("%s runs to the end and prints its figures", async (file) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-smoke-"));
    try {
      const jsonFile = path.join(dir, "bench.json");
      const result = await runBench(jsonFile, file);
      const summary = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as Summary;
      expect(summary.context.smoke).toBe(true);
      expect(Object.keys(summary.files)).toEqual([file]);
      const failed = Object.entries(summary.files).filter(([, outcome]) => !outcome.ok);
      expect(failed, result.stdout.slice(-4000)).toEqual([]);
      expect(result.code).toBe(0);
      const figures = Object.values(summary.figures);
      expect(figures.length, `${file} printed no figure`).toBeGreaterThan(0);
      for (const figure of figures) {
        expect(figure.file).toBe(file);
        expect(Number.isFinite(figure.hs ?? figure.value), `${file}: ${JSON.stringify(figure)}`).toBe(true);
      }
      // Budgets are not judged at smoke sizes; every line still carries its budget and a verdict.
      expect(figures.every((figure) => figure.status === "smoke" || figure.status === "n/a")).toBe(true);
      for (const name of Object.keys(summary.figures)) expect(result.stdout).toContain(`${name}: `);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
