// The work area's operations layer: every verb is (ws, actor, input) -> result, checks its actor with
// authorize() and records its Flight Recorder event. Front ends (CLI, host socket, HTTP) call only these.
export { createWp, updateWp, noteWp, type WpUpdate, type CreateWpInput } from "./wp-ops.ts";
export { dependWp, syncBoardOp } from "./wp-depend.ts";
export { moveWp, WP_VERB_TARGET, type WpVerb } from "./wp-move.ts";
export { addMt, iterateMt, type AddMtInput } from "./mt-ops.ts";
export { moveMt, MT_VERB_TARGET, type MtVerb } from "./mt-move.ts";
export { writeHandoff, type WriteHandoffInput } from "./handoff-ops.ts";
export { createAnchor, linkAnchor, noteAnchor } from "./anchor-ops.ts";
export { resolveBinding, recordBinding, startBoundWork, requireHandoff } from "./binding.ts";
export { showWp, showMt, listWps, listMts, readyWps } from "./views.ts";
export { listHandoffs, findHandoff } from "./handoff-store.ts";
export { listAnchors, findAnchor } from "./anchor-store.ts";
export { rebuildWork } from "./rebuild.ts";
