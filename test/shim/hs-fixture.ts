// The public guard fixture built with real hs sessions (test/fixtures/guard-fixture-hs.sh): s1 and s2
// are `hs session create` worktrees of main-repo, with the dirty/staged/stash/hook state the vectors assume.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { HS_BIN, REPO_ROOT } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";

import { VECTORS_DIR } from "../helpers/vectors.ts";
export { VECTORS_DIR };
export const FIXTURE_SCRIPT = path.join(REPO_ROOT, "test", "fixtures", "guard-fixture-hs.sh");

export interface HsFixture {
  dir: string;
  main: string;
  s1: string;
  s2: string;
  handshake: string;
  cleanup(): void;
}

export function buildHsFixture(): HsFixture {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-gate-fx-")));
  execFileSync(FIXTURE_SCRIPT, [path.join(dir, "fx")], { env: cleanEnv({ HS: HS_BIN }), stdio: "pipe" });
  const root = path.join(dir, "fx");
  return {
    dir: root,
    main: path.join(root, "main-repo"),
    s1: path.join(root, "wts", "s1"),
    s2: path.join(root, "wts", "s2"),
    handshake: path.join(root, "main-repo", ".handshake"),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ArgvVector {
  id: string;
  argv: string[];
  cwd_rel: string;
  expect: "allow" | "deny";
  why: string;
}

export function argvVectors(): ArgvVector[] {
  return JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, "guard-argv.json"), "utf8")) as ArgvVector[];
}

/** Runs async jobs with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
