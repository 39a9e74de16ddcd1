// The one way hs runs git on the host against a directory a session controls (its worktree and git admin dir).
// The repository is named explicitly (GIT_DIR, GIT_COMMON_DIR, GIT_WORK_TREE), so a rewritten `.git` file or
// `commondir` cannot redirect it; system/global config is off; every config key that could name a program is
// overridden (including keys the session wrote into config.worktree); submodules, textconv, external diff,
// fsmonitor and hooks are off; admin files are checked before every call. Nothing the session wrote is executed.
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
  async(args: string[], limits?: { timeoutMs?: number; maxBytes?: number }): Promise<GitResult>;
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

const CONFIG_LIST = [...HARDENED_CONFIG_ARGS, "config", "--list", "--name-only", "-z"];

/** Reading config only parses files; it runs nothing. The names decide which keys are overridden. */
function neutralizers(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const listed = runGitSync({ args: CONFIG_LIST, cwd, env });
  if (listed.code !== 0) throw gitFailure({ args: ["config", "--list"], cwd }, listed);
  return commandNeutralizers(listed.stdout.split("\0"));
}

/** The same, without blocking the event loop (several sessions' scans overlap). */
async function neutralizersAsync(env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const listed = await runGit({ args: CONFIG_LIST, cwd, env });
  if (listed.code !== 0) throw gitFailure({ args: ["config", "--list"], cwd }, listed);
  return commandNeutralizers(listed.stdout.split("\0"));
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

/** A runner for one session directory: admin files are checked and config keys enumerated on every call. */
export function sessionGit(dir: SessionGitDir, extraEnv: Record<string, string> = {}): GitRunner {
  const env = sessionGitEnv(dir, extraEnv);
  const cwd = dir.worktree;
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
      const result = runGitSync({ args: full(args), cwd, env, input });
      if (result.code !== 0) throw gitFailure({ args, cwd }, result);
      return result.stdout;
    },
    run: (args, input) => runGitSync({ args: full(args), cwd, env, input }),
    buffer: (args, input) => runGitSyncBuffer({ args: full(args), cwd, env, input }),
    async: async (args, limits) => runGit({ args: await fullAsync(args), cwd, env, ...limits }),
  };
}
