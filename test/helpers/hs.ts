// Runs the built CLI (bin/hs -> dist/hs.js) as a user would. `npm test` builds first.
import path from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cleanEnv } from "./repo.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const HS_BIN = path.join(REPO_ROOT, "bin", "hs");

export interface HsResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export function hs(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): HsResult {
  const result = spawnSync(process.execPath, [HS_BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env), input: options.input, encoding: "utf8" });
  const stdout = result.stdout ?? "";
  return {
    code: result.status ?? 128,
    stdout,
    stderr: result.stderr ?? "",
    json() {
      return JSON.parse(stdout);
    },
  };
}

export function hsAsync(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<HsResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HS_BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code: code ?? 128, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}
