// Runs the command a `next:` line names, exactly as printed (up to a trailing `   # note`), the way an operator
// pastes it: sh -c, with hs on PATH, in the given directory.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { HS_BIN } from "./hs.ts";
import { cleanEnv } from "./repo.ts";

export function nextLine(output: string): string {
  const line = output.split("\n").find((candidate) => /^\s*next: /.test(candidate));
  if (!line) throw new Error(`no next: line in:\n${output}`);
  return line.replace(/^\s*next: /, "").replace(/\s{2,}#.*$/, "");
}

export function runNext(output: string, cwd: string, env: NodeJS.ProcessEnv = {}): { command: string; code: number; stdout: string; stderr: string } {
  const command = nextLine(output);
  const bin = path.dirname(HS_BIN);
  const result = spawnSync("/bin/sh", ["-c", command], { cwd, env: cleanEnv({ ...env, PATH: `${bin}:${process.env.PATH}` }), encoding: "utf8" });
  return { command, code: result.status ?? 128, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
