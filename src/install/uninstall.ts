// hs uninstall's hook half: put core.hooksPath back and delete only the files hs wrote and nobody edited.
import fs from "node:fs";
import path from "node:path";
import type { RepoLocation } from "../registry/locate.ts";
import { localHooksPath, setLocalHooksPath } from "./git-config.ts";
import { samePath, sha256 } from "./plan.ts";
import { hooksDirFor, hsStateDir, readInstallRecord, recordPath } from "./record.ts";
import { isHsManaged } from "./render.ts";

export interface UninstallResult {
  installed: boolean;
  /** What core.hooksPath was set back to (null: unset), or "left" when something else owns it now. */
  hooksPath: string | null | "left";
  removed: string[];
  kept: string[];
  warnings: string[];
}

export function uninstallHooks(loc: RepoLocation): UninstallResult {
  const record = readInstallRecord(loc.commonDir);
  const hooksDir = record?.hooks_dir ?? hooksDirFor(loc.commonDir);
  const warnings: string[] = [];
  if (!record) return { installed: false, hooksPath: "left", removed: [], kept: [], warnings };

  const current = localHooksPath(loc);
  let hooksPath: UninstallResult["hooksPath"] = "left";
  if (current !== null && samePath(current, hooksDir)) {
    setLocalHooksPath(loc, record.previous_hooks_path);
    hooksPath = record.previous_hooks_path;
  } else {
    warnings.push(`core.hooksPath is ${current === null ? "unset" : `'${current}'`} now, not hs's; left as it is`);
  }

  const removed: string[] = [];
  const kept: string[] = [];
  for (const name of safeList(hooksDir)) {
    const file = path.join(hooksDir, name);
    const content = fs.readFileSync(file, "utf8");
    if (isHsManaged(content) && record.files[name] === sha256(content)) {
      fs.rmSync(file);
      removed.push(name);
    } else {
      kept.push(name);
      warnings.push(`${file} was ${isHsManaged(content) ? "edited after hs init" : "not written by hs"}; kept`);
    }
  }
  removeIfEmpty(hooksDir);
  fs.rmSync(recordPath(loc.commonDir), { force: true });
  removeIfEmpty(hsStateDir(loc.commonDir));
  return { installed: true, hooksPath, removed, kept, warnings };
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty or not there: either way nothing of ours to remove
  }
}
