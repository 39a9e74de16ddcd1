// npm run demo tells the story with two sandboxed agents running at once; it must behave as described.
import path from "node:path";
import { spawn } from "node:child_process";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";

test("the demo runs both agents in their sandboxes and every step behaves as described", async () => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts", "demo.mjs")], { cwd: REPO_ROOT, env: cleanEnv() });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
  expect(code, output.slice(-3000)).toBe(0);
  expect(output).toMatch(/demo finished in [\d.]+ s: every step behaved as described/);
  expect(output).toContain("hs: deny [scope.other-worktree]");
  expect(output).toContain("the operator denied");
  expect(output).toContain("reference-transaction refused");
  expect(output).toMatch(/merge-back pay --apply[^]*-> exit 0/);
  expect(output).toMatch(/Flight Recorder verified: \d+ events, chain intact/);
  expect(output).not.toContain("UNEXPECTED");
});
