// Rule ids of inbox requests that stand for operations (performed by approving them, see approved.ts).
export const REVERT_RULE = "hs.vcs.revert";
export const CUSTOM_JOB_RULE = "hs.job.custom";
