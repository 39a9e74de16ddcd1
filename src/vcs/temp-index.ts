// A throw-away index (GIT_INDEX_FILE) for one operation: the user's index is never read for writing, never locked
// and never written. Lives outside every worktree, removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

function make(): { dir: string; env: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-index-"));
  return { dir, env: { GIT_INDEX_FILE: path.join(dir, "index") } };
}

export function withTempIndex<T>(run: (env: Record<string, string>) => T): T {
  const { dir, env } = make();
  try {
    return run(env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function withTempIndexAsync<T>(run: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const { dir, env } = make();
  try {
    return await run(env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
