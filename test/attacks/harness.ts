// Shared set-up for the attack suite: a real workspace (test/sandbox/fixture.ts), payloads run inside a real
// sandboxed session, and the checks every attack ends with: nothing outside the session changed, the canary the
// payload would have written does not exist, and the shared repository passes `git fsck --strict`.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { expect } from "vitest";
import { buildFixture, diffSnapshots, outsideSnapshot, runIn, type Fixture } from "../sandbox/fixture.ts";
import { cleanEnv } from "../helpers/repo.ts";

export { buildFixture, runIn, type Fixture };

/** Where a payload's planted command would leave its mark: outside every session, so only host code can write it. */
export function canaryPath(fx: Fixture, name: string): string {
  return path.join(fx.dir, `CANARY-${name}`);
}

/** A shell command (for planted config values) that writes the canary and otherwise behaves like `cat`. */
export function canaryCommand(fx: Fixture, name: string): string {
  return `sh -c 'echo ran >> ${canaryPath(fx, name)}; cat'`;
}

/** Runs the payload inside session `id` and returns its result with every change outside the session. */
export async function attack(fx: Fixture, line: string, id = "s1") {
  const before = outsideSnapshot(fx, id);
  const result = await runIn(fx, line, { id, cwd: path.join(fx.wts, id) });
  return { ...result, changes: diffSnapshots(before, outsideSnapshot(fx, id)) };
}

/**
 * `git fsck --strict` of the shared repository: every object in the shared store, and connectivity from every ref
 * the operator owns. Refs under refs/heads/hs/ are session claims (a session may point them at anything it wrote);
 * they are checked through merge-back, which refuses what is not complete.
 */
export function expectSharedFsckClean(fx: Fixture): void {
  const refs = fx.git(["for-each-ref", "--format=%(refname)"]).split("\n").filter((ref) => ref && !ref.startsWith("refs/heads/hs/"));
  const result = spawnSync("git", ["fsck", "--strict", "--no-progress", "--no-dangling", "--no-reflogs", ...refs], { cwd: fx.main, env: cleanEnv(), encoding: "utf8" });
  expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
  expect(result.status).toBe(0);
}

export function expectNoCanary(fx: Fixture, name: string): void {
  expect(fs.existsSync(canaryPath(fx, name)), `${canaryPath(fx, name)} was written: host-side code ran a session's payload`).toBe(false);
}

/** What the shared repository says a path holds on main, read by plain git in the operator's checkout. */
export function mainBlob(fx: Fixture, file: string): string {
  return fx.git(["show", `main:${file}`]);
}

export function hsJson(fx: Fixture, args: string[]): { code: number; json: unknown; stderr: string } {
  const result = fx.hs([...args, "--json"]);
  let json: unknown = null;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    // not JSON: the stderr explains
  }
  return { code: result.code, json, stderr: result.stderr };
}

/** A shell line that runs `script` with node inside the session (base64, so no quoting crosses the shell). */
export function nodePayload(script: string): string {
  return `node -e "$(printf %s ${Buffer.from(script).toString("base64")} | base64 -d)"`;
}

/** Helpers for payload scripts: git without the shim, and writing a loose object under any id. */
export const FORGE_PRELUDE = `
const fs = require("fs"), zlib = require("zlib"), cp = require("child_process"), path = require("path");
const git = (args, input) => cp.execFileSync("/usr/bin/git", args, { input, encoding: "utf8" }).trim();
const objects = path.join(path.resolve(git(["rev-parse", "--git-common-dir"])), "objects");
const loosePath = (id) => path.join(objects, id.slice(0, 2), id.slice(2));
function writeLoose(id, type, content) {
  const raw = Buffer.concat([Buffer.from(type + " " + content.length + "\\0"), Buffer.from(content)]);
  fs.mkdirSync(path.dirname(loosePath(id)), { recursive: true });
  try { fs.chmodSync(loosePath(id), 0o644); } catch {}
  fs.writeFileSync(loosePath(id), zlib.deflateSync(raw));
}
`;
