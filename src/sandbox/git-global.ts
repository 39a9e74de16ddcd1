// git's global config inside a session: a host-written, read-only copy of the operator's global config
// (includes flattened) without any key that disables hooks or names a program git would run. The shim
// points GIT_CONFIG_GLOBAL at it and the sandbox binds it over ~/.gitconfig, so a .gitconfig the session
// writes in its home layer (or a HOME it points elsewhere) cannot switch the hooks off.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runGitSync } from "../git/run.ts";
import { configKeyRule } from "../shim/policy/config-keys.ts";
import { globalListingKey, rememberListing, rememberedListing } from "./git-global-cache.ts";

export interface ConfigEntry {
  key: string;
  value: string;
}

/** Keys the gate would not let a single command set (hooks, programs, repository-moving keys), and includes. */
export function sanitizeGlobal(entries: ConfigEntry[]): { kept: ConfigEntry[]; dropped: string[] } {
  const kept: ConfigEntry[] = [];
  const dropped: string[] = [];
  for (const entry of entries) {
    if (configKeyRule(entry.key, entry.value) === null) kept.push(entry);
    else dropped.push(entry.key);
  }
  return { kept, dropped };
}

/** `git config --list -z` output: `key\nvalue\0` records (a key alone means a bare boolean true). */
export function parseConfigList(text: string): ConfigEntry[] {
  return text
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const newline = record.indexOf("\n");
      return newline < 0 ? { key: record, value: "true" } : { key: record.slice(0, newline), value: record.slice(newline + 1) };
    });
}

const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;

/** Renders entries as a config file: section = up to the first dot, name = after the last one. */
export function renderConfig(entries: ConfigEntry[]): string {
  const lines = ["# hs: sanitized copy of the operator's global git config (read-only inside the session)"];
  let current = "";
  for (const { key, value } of entries) {
    const first = key.indexOf(".");
    const last = key.lastIndexOf(".");
    if (first <= 0 || last === key.length - 1) continue;
    const section = key.slice(0, first);
    const sub = first === last ? null : key.slice(first + 1, last);
    const header = sub === null ? `[${section}]` : `[${section} ${quote(sub)}]`;
    if (header !== current) lines.push((current = header));
    lines.push(`\t${key.slice(last + 1)} = ${quote(value)}`);
  }
  return lines.join("\n") + "\n";
}

export interface GitGlobalFiles {
  sanitized: string;
  empty: string;
  dropped: string[];
}

export function gitGlobalDir(sessionDir: string): string {
  return path.join(sessionDir, "git-global");
}

/**
 * The operator's global config as git reads it on the host (HOME/XDG of the host process). With `cacheDir`, an
 * unchanged config is taken from the last listing (git-global-cache.ts) instead of running git.
 */
export function writeGitGlobal(sessionDir: string, env: NodeJS.ProcessEnv = process.env, cacheDir?: string): GitGlobalFiles {
  const dir = gitGlobalDir(sessionDir);
  fs.mkdirSync(dir, { recursive: true });
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!key.startsWith("GIT_")) clean[key] = value;
  const key = cacheDir ? globalListingKey(clean) : "";
  let listed = rememberedListing(cacheDir, key);
  if (!listed) {
    listed = runGitSync({ args: ["config", "--global", "--includes", "--list", "-z"], cwd: os.tmpdir(), env: clean });
    rememberListing(cacheDir, key, listed);
  }
  // exit 1 = no global config at all; anything else is a broken file the operator should see first.
  const entries = listed.code === 0 ? parseConfigList(listed.stdout) : [];
  const { kept, dropped } = sanitizeGlobal(entries);
  const sanitized = path.join(dir, "gitconfig");
  const empty = path.join(dir, "empty");
  writeReadOnly(sanitized, renderConfig(kept));
  writeReadOnly(empty, "");
  return { sanitized, empty, dropped };
}

function writeReadOnly(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o444 });
  fs.renameSync(temp, file);
}

/** The session's sanitized global config path, the same on the host and inside the sandbox. */
export function gitGlobalFile(sessionDir: string): string {
  return path.join(gitGlobalDir(sessionDir), "gitconfig");
}
