// sha256 of every file under the hook locations hs must leave byte-identical, plus core.hooksPath.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TempRepo } from "../helpers/repo.ts";

export function hookSnapshot(repo: TempRepo): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of [".git/hooks", ".husky"]) walk(path.join(repo.root, dir), (file) => {
    const stat = fs.statSync(file);
    out[path.relative(repo.root, file)] = `${crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex")} ${(stat.mode & 0o777).toString(8)}`;
  });
  const local = repo.git(["config", "--file", ".git/config", "--get-all", "core.hooksPath"], { allowFail: true });
  out["core.hooksPath"] = local.code === 0 ? local.stdout : "<unset>";
  return out;
}

function walk(dir: string, visit: (file: string) => void): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else visit(full);
  }
}

export function writeHook(file: string, body: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}
