// "No bypass": the server reaches git, processes and SQLite only through the operations layer. A static scan of
// every module under src/server: no git runner, no child_process, no SQLite driver imported directly.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/hs.ts";

const SERVER = path.join(REPO_ROOT, "src", "server");
const FORBIDDEN = [
  /(^|\/)git\/(run|hardened|session-git|index)(\.ts)?$/,
  /^(node:)?child_process$/,
  /^better-sqlite3$/,
  /(^|\/)registry\/sqlite(\.ts)?$/,
  /^(node:)?(worker_threads|cluster|vm)$/,
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

function imports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\s*\(\s*["']([^"']+)["']\s*\)|import\s*["']([^"']+)["']/g)) {
    found.push((match[1] ?? match[2] ?? match[3] ?? match[4])!);
  }
  return found;
}

describe("src/server imports only the operations layer", () => {
  const modules = files(SERVER);
  it("finds the server's modules", () => expect(modules.length).toBeGreaterThan(8));
  it.each(modules.map((file) => [path.relative(REPO_ROOT, file), file]))("%s", (_name, file) => {
    const bad = imports(fs.readFileSync(file, "utf8")).filter((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)));
    expect(bad).toEqual([]);
  });
  it("the scan catches each forbidden form", () => {
    const sample = `import { runGit } from "../git/run.ts";\nimport cp from "node:child_process";\nconst db = require("better-sqlite3");\n` +
      `export { openSqlite } from "../../registry/sqlite.ts";\nawait import("child_process");`;
    expect(imports(sample).filter((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)))).toHaveLength(5);
  });
});
