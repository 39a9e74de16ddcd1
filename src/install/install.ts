// hs init's hook half: owns <common>/hs/hooks, points core.hooksPath at it, chains what was active before.
// Never touches .git/hooks, .husky or lefthook's files, so uninstall restores them byte for byte.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { packagePath } from "../package-root.ts";
import type { RepoLocation } from "../registry/locate.ts";
import { effectiveHooksPath, localHooksPath, setLocalHooksPath } from "./git-config.ts";
import { planInstall } from "./plan.ts";
import { hooksDirFor, readInstallRecord, writeInstallRecord, type ChainKind, type InstallRecord } from "./record.ts";
import type { Templates } from "./render.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";
import { INSIDE_SOCKET } from "../sandbox/layout.ts";

export interface InstallResult {
  changed: boolean;
  record: InstallRecord;
  written: string[];
  removed: string[];
  hooksPathSet: boolean;
}

export function installHooks(loc: RepoLocation, version: string): InstallResult {
  const hooksDir = hooksDirFor(loc.commonDir);
  const plan = planInstall({
    commonDir: loc.commonDir,
    mainRoot: loc.mainRoot,
    hooksDir,
    localHooksPath: localHooksPath(loc),
    effectiveHooksPath: effectiveHooksPath(loc.mainRoot),
    record: readInstallRecord(loc.commonDir),
    existing: readDir(hooksDir),
    chainNames: (dir) => new Set(listNames(resolveChain(loc, dir))),
    chainKind: (dir) => chainKind(loc, dir),
    templates: loadTemplates(),
    node: fs.realpathSync(process.execPath),
    entry: hookEntry(),
    client: hostClient(),
    hostSocket: INSIDE_SOCKET,
    now: new Date().toISOString(),
    version,
  });
  if (plan.foreign.length) {
    const files = plan.foreign.map((name) => path.join(hooksDir, name));
    throw new HsError("HS-HOOKS-FOREIGN", `hs's hooks directory holds files hs did not write: ${files.join(", ")}`, {
      hint: `move them away, then run hs init again: ${files.map((file) => `mv '${file}' '${file}.orig'`).join(" && ")}`,
      details: { files },
    });
  }
  fs.mkdirSync(hooksDir, { recursive: true });
  for (const { name, content } of plan.writes) writeExecutable(path.join(hooksDir, name), content);
  for (const name of plan.removes) fs.rmSync(path.join(hooksDir, name), { force: true });
  // The record goes down before core.hooksPath changes, so an interrupted init can still be undone.
  if (plan.recordChanged) writeInstallRecord(loc.commonDir, plan.record);
  if (plan.setHooksPath) setLocalHooksPath(loc, hooksDir);
  return {
    changed: plan.writes.length > 0 || plan.removes.length > 0 || plan.recordChanged || plan.setHooksPath,
    record: plan.record,
    written: plan.writes.map((write) => write.name),
    removed: plan.removes,
    hooksPathSet: plan.setHooksPath,
  };
}

/** The dedicated hook bundle when the build emits one (less start-up per hook), else the CLI's hidden command. */
export function hookEntry(): string[] {
  const dedicated = packagePath("dist", "hs-hook.js");
  return fs.existsSync(dedicated) ? [dedicated] : [packagePath("dist", "hs.js"), "__hook"];
}

/** The compiled host client the hooks ask inside the sandbox; "" when the build had no C compiler. */
export function hostClient(): string {
  const client = packagePath("dist", "hs-gate-client");
  return fs.existsSync(client) ? client : "";
}

export function loadTemplates(): Templates {
  const read = (name: string) => fs.readFileSync(packagePath("templates", "hooks", `${name}.sh`), "utf8");
  return { chain: read("chain"), check: read("check"), "pre-commit": read("pre-commit"), "reference-transaction": read("reference-transaction"), lib: read("lib") };
}

/** Relative hook dirs resolve from the worktree root when git runs a hook; for install-time checks use the main one. */
export function resolveChain(loc: RepoLocation, dir: string): string {
  return path.resolve(loc.mainRoot, dir);
}

function chainKind(loc: RepoLocation, dir: string): ChainKind {
  const abs = resolveChain(loc, dir);
  if (path.basename(abs) === "_" && path.basename(path.dirname(abs)) === ".husky") return "husky";
  if (abs !== path.join(loc.commonDir, "hooks")) return "hooks-path";
  const lefthook = listNames(abs).some((name) => readText(path.join(abs, name))?.includes("lefthook"));
  return lefthook ? "lefthook" : "git-hooks";
}

export function readDir(dir: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of listNames(dir)) out[name] = readText(path.join(dir, name)) ?? null;
  return out;
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function writeExecutable(file: string, content: string): void {
  writeFileAtomic(file, content, { mode: 0o755 });
}
