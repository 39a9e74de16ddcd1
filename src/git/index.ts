export { runGit, runGitSync, runGitSyncBuffer, gitOk, gitFailure, gitBinary } from "./run.ts";
export type { GitRequest, GitResult, GitBufferResult } from "./run.ts";
export { neutralGitEnv, NEUTRAL_CONFIG_ARGS } from "./neutral-env.ts";
/**
 * Host-side git against a session-controlled directory goes through `runSessionGit` / `sessionGit` only: explicit
 * GIT_DIR/GIT_COMMON_DIR/GIT_WORK_TREE from the registry, no system/global config, every program-naming config key
 * overridden, submodules/textconv/ext-diff/fsmonitor/hooks off, admin files checked first (HS-SESSION-ADMIN-TAMPERED).
 * `sessionGitDirOf(ws, session)` in src/merge/git.ts builds the SessionGitDir from a session record.
 */
export { runSessionGit, sessionGit, sessionGitEnv, assertAdminDir } from "./session-git.ts";
export type { SessionGitDir, GitRunner } from "./session-git.ts";
export { adminDirOf, checkAdminDir, headIsSessions, readRegular, BLOCKING, ADMIN_FINDINGS } from "./admin-files.ts";
export type { AdminFinding, AdminFindingKind } from "./admin-files.ts";
export { HARDENED_CONFIG_ARGS, commandNeutralizers, hardenSubcommand } from "./hardened.ts";
