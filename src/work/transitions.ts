// The WP and MT transition tables (pure). A move the table does not allow is refused with the allowed ones.
import { HsError } from "../errors.ts";
import type { WorkPacketStatus } from "./wp-model.ts";
import type { MtStatus } from "./mt-model.ts";

export const WP_TRANSITIONS = {
  stub: ["ready", "cancelled"],
  ready: ["in_progress", "blocked", "cancelled"],
  in_progress: ["blocked", "gated", "cancelled"],
  blocked: ["in_progress", "ready", "cancelled"],
  gated: ["done", "in_progress", "cancelled"],
  done: [],
  cancelled: [],
} as const satisfies Record<WorkPacketStatus, readonly WorkPacketStatus[]>;

export const MT_TRANSITIONS = {
  pending: ["in_progress", "skipped"],
  in_progress: ["completed", "failed", "blocked", "skipped"],
  blocked: ["in_progress", "failed", "skipped"],
  failed: ["in_progress", "skipped"],
  completed: [],
  skipped: [],
} as const satisfies Record<MtStatus, readonly MtStatus[]>;

/** The verb that moves a WP into each status (hs wp <verb> ID). */
export const WP_VERBS = {
  ready: "ready",
  in_progress: "start",
  blocked: "block",
  gated: "gate",
  done: "done",
  cancelled: "cancel",
  stub: "",
} as const satisfies Record<WorkPacketStatus, string>;
export const MT_VERBS = {
  in_progress: "start",
  completed: "done",
  failed: "fail",
  skipped: "skip",
  blocked: "iterate",
  pending: "",
} as const satisfies Record<MtStatus, string>;

export function wpMoveAllowed(from: WorkPacketStatus, to: WorkPacketStatus): boolean {
  return (WP_TRANSITIONS[from] as readonly string[]).includes(to);
}

export function mtMoveAllowed(from: MtStatus, to: MtStatus): boolean {
  return (MT_TRANSITIONS[from] as readonly string[]).includes(to);
}

export function assertWpMove(id: string, from: WorkPacketStatus, to: WorkPacketStatus): void {
  if (wpMoveAllowed(from, to)) return;
  const allowed = WP_TRANSITIONS[from] as readonly WorkPacketStatus[];
  const verbs = allowed.map(
    (status) => `hs wp ${WP_VERBS[status]} ${id}${status === "blocked" ? " --reason 'what it waits for'" : ""}`,
  );
  throw new HsError(
    "HS-STATE-TRANSITION",
    `${id} is ${from}; it cannot become ${to} (allowed from ${from}: ${allowed.join(", ") || "none, it is final"})`,
    {
      hint: verbs.length ? verbs.join("   or   ") : `hs wp show ${id}`,
      details: { wp_id: id, from, to, allowed },
    },
  );
}

export function assertMtMove(id: string, from: MtStatus, to: MtStatus): void {
  if (mtMoveAllowed(from, to)) return;
  const allowed = MT_TRANSITIONS[from] as readonly MtStatus[];
  const verbs = allowed.map((status) =>
    status === "blocked" ? `hs mt iterate ${id} --outcome BLOCKED` : `hs mt ${MT_VERBS[status]} ${id}`,
  );
  throw new HsError(
    "HS-STATE-TRANSITION",
    `${id} is ${from}; it cannot become ${to} (allowed from ${from}: ${allowed.join(", ") || "none, it is final"})`,
    {
      hint: verbs.length ? verbs.join("   or   ") : `hs mt show ${id}`,
      details: { mt_id: id, from, to, allowed },
    },
  );
}
