// Merge-back: re-validate, write the patch artifact with provenance and conflict report, apply by compare-and-swap,
// verify artifacts, predict conflicts (radar), close sessions and prune only what is provably merged.
export { prepareMergeBack, type Prepared } from "./prepare.ts";
export { applyMergeBack, type Applied } from "./apply.ts";
export { verifyArtifact, type VerifyResult } from "./verify.ts";
export { conflictRadar, type RadarReport } from "./radar.ts";
export { closeSession, type CloseResult } from "./close.ts";
export { prune, findPrunable, type PruneReport } from "./prune.ts";
export { reindexArtifacts } from "./reindex.ts";
export { ProvenanceSchema, ConflictsSchema, type Provenance, type ConflictsReport } from "./schemas.ts";
export { parseMergeTree } from "./merge-tree-parse.ts";
export { classifyConflicts, CONFLICT_KINDS, type ConflictKind } from "./conflict-kinds.ts";
export { STRATEGIES, type Strategy } from "./plan.ts";
export { APPLY_STEPS } from "./crash.ts";
