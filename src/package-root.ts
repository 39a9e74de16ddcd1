// Finds files shipped with hs (migrations/, templates/, hooks/) both from src/ (tests) and from dist/ (the bundle).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "migrations"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("hs: cannot find the hs package root (package.json + migrations/)");
    dir = parent;
  }
  cached = dir;
  return dir;
}

export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
