// The one way hs runs git on the host against a directory a session controls (its worktree and git admin dir).
// The repository is named explicitly (GIT_DIR, GIT_COMMON_DIR, GIT_WORK_TREE), so a rewritten `.git` file or
// `commondir` cannot redirect it; system/global config is off; every config key that could name a program is
// overridden (including keys the session wrote into config.worktree); submodules, textconv, external diff,
// fsmonitor and hooks are off; admin files are checked before every call. Nothing the session wrote is executed.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { commandNeutralizers, hardenSubcommand, HARDENED_CONFIG_ARGS, SESSION_SUBCOMMANDS, WORKTREE_CONFIG_ARGS } from "./hardened.ts";
import { BLOCKING, checkAdminDir } from "./admin-files.ts";
import { neutralGitEnv } from "./neutral-env.ts";
import { importSessionObjects } from "./object-import.ts";
import { gitFailure, runGit, runGitSync, runGitSyncBuffer, type GitBufferResult, type GitResult } from "./run.ts";

/** A session's checkout as the host knows it (from the registry, never from files in the worktree). */
export interface SessionGitDir {
  id: string;
  worktree: string;
  /** <common>/worktrees/<name>: the session's admin dir. */
  gitDir: string;
  commonDir: string;
  /** Lock isolation: the "session directory" is the operator's own main checkout; its admin dir is not the session's. */
  lockMode?: boolean;
}

/** Host-side git bound to one directory; `ok` throws HS-GIT-FAILED (args, exit code, stderr as fields). */
export interface GitRunner {
  cwd: string;
  ok(args: string[], input?: string): string;
  run(args: string[], input?: string): GitResult;
  buffer(args: string[], input?: string): GitBufferResult;
  async(args: string[], limits?: { timeoutMs?: number; maxBytes?: number; signal?: AbortSignal }): Promise<GitResult>;
}

export function sessionGitEnv(dir: SessionGitDir, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return neutralGitEnv(process.env, {
    GIT_DIR: dir.gitDir,
    GIT_COMMON_DIR: dir.commonDir,
    GIT_WORK_TREE: dir.worktree,
    GIT_ATTR_NOSYSTEM: "1",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_NO_LAZY_FETCH: "1",
    ...extra,
  });
}

/** Refuses (HS-SESSION-ADMIN-TAMPERED) when an admin file is a symlink, special file, or HEAD left hs/<id>/. */
export function assertAdminDir(dir: SessionGitDir): void {
  if (dir.lockMode) return;
  const blocking = checkAdminDir(dir.gitDir, dir.commonDir, dir.id).filter((finding) => BLOCKING.has(finding.kind));
  if (!blocking.length) return;
  throw new HsError("HS-SESSION-ADMIN-TAMPERED", `session '${dir.id}' git admin files were tampered with: ${blocking.map((f) => `${path.basename(f.file)} ${f.detail}`).join("; ")}`, {
    hint: "hs doctor --fix",
    details: { session: dir.id, findings: blocking },
  });
}

// A file changed this recently could change again within the same timestamp tick: never remembered.
const RACY_MS = 1500;
const remembered = new Map<string, { key: string; names: string[] }>();
const CONFIG_LIST = [...HARDENED_CONFIG_ARGS, "config", "--list", "--name-only", "-z"];

/**
 * What `git config --list` would read for this environment (system and global config are off): the common
 * config and config.worktree, keyed by lstat data a write always changes (ctime). Undefined when an answer must
 * not be remembered: a file too fresh to trust, or an include, whose target this key does not cover.
 */
function configFilesKey(env: NodeJS.ProcessEnv, now = Date.now()): string | undefined {
  const gitEnv = Object.entries(env).filter(([name]) => name.startsWith("GIT_")).sort(([a], [b]) => (a < b ? -1 : 1));
  if (env.GIT_CONFIG_NOSYSTEM !== "1" || env.GIT_CONFIG_GLOBAL !== "/dev/null" || !env.GIT_DIR || !env.GIT_COMMON_DIR) return undefined;
  const parts = [JSON.stringify(gitEnv)];
  for (const file of [path.join(env.GIT_COMMON_DIR, "config"), path.join(env.GIT_DIR, "config.worktree")]) {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat) {
      parts.push(`${file}=-`);
      continue;
    }
    if (!stat.isFile() || now - stat.ctimeMs < RACY_MS || /include/i.test(fs.readFileSync(file, "latin1"))) return undefined;
    parts.push(`${file}=${stat.dev}:${stat.ino}:${stat.mode}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`);
  }
  return parts.join("\n");
}

/**
 * Reading config only parses files; it runs nothing. The names decide which keys are overridden. Remembered
 * while the files are unchanged: the session host asks before every status scan, and each ask was a git process.
 */
function rememberedNeutralizers(env: NodeJS.ProcessEnv, cwd: string): { hit?: string[]; keep(listed: GitResult): string[] } {
  const slot = `${cwd}\0${env.GIT_DIR ?? ""}`;
  const key = configFilesKey(env);
  const known = remembered.get(slot);
  if (key !== undefined && known?.key === key) return { hit: [...known.names], keep: () => [] };
  return {
    keep(listed) {
      if (listed.code !== 0) throw gitFailure({ args: ["config", "--list"], cwd }, listed);
      const names = commandNeutralizers(listed.stdout.split("\0"));
      // Keyed again after the read: a file written meanwhile is not remembered under the old key.
      if (key !== undefined && configFilesKey(env) === key) remembered.set(slot, { key, names: [...names] });
      else remembered.delete(slot);
      return names;
    },
  };
}

function neutralizers(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const memo = rememberedNeutralizers(env, cwd);
  return memo.hit ?? memo.keep(runGitSync({ args: CONFIG_LIST, cwd, env }));
}

/** The same, without blocking the event loop (several sessions' scans overlap). */
async function neutralizersAsync(env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const memo = rememberedNeutralizers(env, cwd);
  return memo.hit ?? memo.keep(await runGit({ args: CONFIG_LIST, cwd, env }));
}

function checkSubcommand(args: readonly string[]): void {
  const sub = args[0] ?? "";
  if (!(SESSION_SUBCOMMANDS as readonly string[]).includes(sub)) throw new HsError("HS-INTERNAL", `git ${sub} is not allowed against a session directory`);
}

/**
 * Runs one git command against a session's worktree (sync). Checks the admin dir first, then runs with the
 * hardened configuration. Use `sessionGit` for several commands.
 */
export function runSessionGit(dir: SessionGitDir, args: string[], input?: string): GitResult {
  return sessionGit(dir).run(args, input);
}

/**
 * How long host-side git may take in a directory a session controls. A session can make git block for good
 * (a named pipe as .gitignore): a stuck radar, close or DCC view must end in an error that says so.
 */
export function sessionGitTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.HS_SESSION_GIT_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 120_000;
}

/** A runner for one session directory: admin files are checked and config keys enumerated on every call. */
export function sessionGit(dir: SessionGitDir, extraEnv: Record<string, string> = {}): GitRunner {
  const env = sessionGitEnv(dir, extraEnv);
  const cwd = dir.worktree;
  const timeoutMs = sessionGitTimeoutMs();
  let imported = false;
  const prepare = (args: string[]) => {
    checkSubcommand(args);
    assertAdminDir(dir);
    // HEAD's commit and tree live in the session's store until imported (by content) into the shared one.
    if (!dir.lockMode && !imported) (importSessionObjects(dir.commonDir, dir.id), (imported = true));
  };
  const assemble = (args: string[], listed: string[]) => ["--no-optional-locks", ...HARDENED_CONFIG_ARGS, ...WORKTREE_CONFIG_ARGS, ...listed, ...hardenSubcommand(args, true)];
  const full = (args: string[]) => (prepare(args), assemble(args, neutralizers(env, cwd)));
  // Several sessions' config listings overlap instead of blocking in turn. The admin files are checked again once
  // the listing is in, right before git starts: the wait for the listing opens no window the sync path lacks.
  const fullAsync = async (args: string[]) => {
    prepare(args);
    const listed = await neutralizersAsync(env, cwd);
    assertAdminDir(dir);
    return assemble(args, listed);
  };
  return {
    cwd,
    ok(args, input) {
      const result = runGitSync({ args: full(args), cwd, env, input, timeoutMs });
      if (result.code !== 0) throw gitFailure({ args, cwd }, result);
      return result.stdout;
    },
    run: (args, input) => runGitSync({ args: full(args), cwd, env, input, timeoutMs }),
    buffer: (args, input) => runGitSyncBuffer({ args: full(args), cwd, env, input, timeoutMs }),
    async: async (args, limits) => runGit({ args: await fullAsync(args), cwd, env, timeoutMs, ...limits }),
  };
}
