// The gate's `git config` read, remembered by long-lived deciders (the session host, the gate daemon): the
// answer is reused only while everything git would read for it is unchanged — the config-related environment
// and the lstat key of every file it could open (present or not). An include anywhere (include.path,
// includeIf) turns the memo off for that answer: an included file can live anywhere and `onbranch:` follows HEAD.
import fs from "node:fs";
import path from "node:path";

export type ConfigRead = { aliases: Record<string, string>; config: Record<string, string> };

// A file changed in the same tick as its stat could change again unseen (same rule as the checkpoint stat cache).
const RACY_MS = 1500;

function fileKey(file: string, now: number): string | undefined {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return "-";
  if (now - stat.ctimeMs < RACY_MS) return undefined;
  return `${stat.dev}:${stat.ino}:${stat.mode}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

function readSmall(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").slice(0, 4096);
  } catch {
    return "";
  }
}

/** The repository's git dir and common dir as git finds them from the worktree (its `.git` file, `commondir`). */
function repoDirs(worktree: string): { dotGit: string; gitDir: string; commonDir: string } {
  const dotGit = path.join(worktree, ".git");
  const text = readSmall(dotGit);
  const match = /^gitdir: (.*)$/m.exec(text);
  const gitDir = match?.[1] ? path.resolve(worktree, match[1].trim()) : dotGit;
  const common = readSmall(path.join(gitDir, "commondir")).trim();
  return { dotGit, gitDir, commonDir: common ? path.resolve(gitDir, common) : gitDir };
}

/** Every config file `git config` may read with this environment, present or not (git 2.39's lookup). */
export function configSources(worktree: string, env: NodeJS.ProcessEnv, gitBinary: string): { files: string[]; owners: string[] } {
  const { dotGit, gitDir, commonDir } = repoDirs(worktree);
  const files = [dotGit, path.join(gitDir, "commondir"), path.join(commonDir, "config"), path.join(gitDir, "config.worktree")];
  if (env.GIT_CONFIG) files.push(path.resolve(worktree, env.GIT_CONFIG));
  if (!env.GIT_CONFIG_NOSYSTEM) {
    if (env.GIT_CONFIG_SYSTEM) files.push(env.GIT_CONFIG_SYSTEM);
    else files.push("/etc/gitconfig", path.join(path.dirname(path.dirname(gitBinary)), "etc", "gitconfig"));
  }
  if (env.GIT_CONFIG_GLOBAL) files.push(env.GIT_CONFIG_GLOBAL);
  else {
    const home = env.HOME ?? "";
    files.push(path.join(env.XDG_CONFIG_HOME || path.join(home, ".config"), "git", "config"), path.join(home, ".gitconfig"));
  }
  // Ownership decides whether git trusts the repository at all (safe.directory).
  return { files, owners: [worktree, gitDir, commonDir] };
}

function environmentKey(env: NodeJS.ProcessEnv): string {
  const entries = Object.entries(env).filter(([name]) => name.startsWith("GIT_") || name === "HOME" || name === "XDG_CONFIG_HOME" || name === "PREFIX");
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The memo key, or undefined when the answer must not be remembered (a racy file, an include somewhere). */
export function configKey(worktree: string, env: NodeJS.ProcessEnv, gitBinary: string, now = Date.now()): string | undefined {
  const envKey = environmentKey(env);
  if (/include/i.test(envKey)) return undefined;
  const { files, owners } = configSources(worktree, env, gitBinary);
  // No `.git` in the worktree: git would search the folders above it, which this key does not cover.
  if (!fs.lstatSync(files[0] ?? "", { throwIfNoEntry: false })) return undefined;
  const keys: string[] = [envKey];
  for (const file of files) {
    const key = fileKey(file, now);
    if (key === undefined) return undefined;
    keys.push(`${file}=${key}`);
  }
  for (const dir of owners) keys.push(`${dir}:${fs.statSync(dir, { throwIfNoEntry: false })?.uid ?? "-"}`);
  return keys.join("\n");
}

/** True when no source file names an include (checked on a miss, before remembering). */
export function includeFree(worktree: string, env: NodeJS.ProcessEnv, gitBinary: string): boolean {
  return configSources(worktree, env, gitBinary).files.every((file) => !/include/i.test(readFileWhole(file)));
}

function readFileWhole(file: string): string {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? fs.readFileSync(file, "latin1") : "";
  } catch {
    return "";
  }
}

export interface ConfigMemo {
  read(worktree: string, env: NodeJS.ProcessEnv, load: () => ConfigRead): ConfigRead;
  stats: { hits: number; misses: number };
}

export function configMemo(gitBinary: () => string): ConfigMemo {
  const held = new Map<string, { key: string; value: ConfigRead }>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    read(worktree, env, load) {
      const binary = gitBinary();
      const key = configKey(worktree, env, binary);
      const known = held.get(worktree);
      if (key !== undefined && known?.key === key) {
        stats.hits += 1;
        return { aliases: { ...known.value.aliases }, config: { ...known.value.config } };
      }
      stats.misses += 1;
      const value = load();
      // The key is taken again after the read: a file that changed meanwhile is not remembered under the old key.
      if (key !== undefined && includeFree(worktree, env, binary) && configKey(worktree, env, binary) === key) {
        held.set(worktree, { key, value: { aliases: { ...value.aliases }, config: { ...value.config } } });
      } else held.delete(worktree);
      return value;
    },
  };
}
