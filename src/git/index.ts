export { runGit, runGitSync, runGitSyncBuffer, gitOk, gitFailure, gitBinary } from "./run.ts";
export type { GitRequest, GitResult, GitBufferResult } from "./run.ts";
export { neutralGitEnv, NEUTRAL_CONFIG_ARGS } from "./neutral-env.ts";
