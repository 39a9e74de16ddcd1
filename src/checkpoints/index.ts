export { takeCheckpoint, sessionCheckpoints, diffSinceCheckpoint, restoreCheckpoint, thinClosedSession, checkpointTarget } from "./ops.ts";
export { checkpointScheduler, type CheckpointScheduler } from "./scheduler.ts";
export { CHECKPOINT_NAMESPACE } from "./refs.ts";
export type { CheckpointMeta } from "./meta.ts";
