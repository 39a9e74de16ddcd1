export { vcsStatusOp, targetStatus, type VcsStatus } from "./status.ts";
export { vcsDiffOp, DIFF_DEFAULT_BYTES, DIFF_MAX_BYTES, type VcsDiff } from "./diff.ts";
export { vcsCommitOp, MAX_MESSAGE_BYTES, type CommitResult } from "./commit.ts";
export { requestRevertOp, performRevert, type RevertAsk, type RevertDone } from "./revert.ts";
export { MAX_PATHS } from "./paths.ts";
export { MAIN_TARGET, MAIN_REQUEST_SESSION } from "./target.ts";
export { FILE_STATUSES, type VcsFile, type FileStatus } from "./status-parse.ts";
