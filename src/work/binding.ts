// Sessions bound to work: `hs session create --mt` takes its scope from the task and records the binding
// both ways; the session's first start moves the task and its packet to in_progress; closing it wants a handoff.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { SYSTEM, type Actor } from "../ops/actor.ts";
import { authorize } from "../ops/guard.ts";
import { findMt, getMt, getWp, refreshWorkIndex } from "./index-db.ts";
import { sessionScopeFor } from "./scope.ts";
import { writeMt } from "./store.ts";
import { syncBoard } from "./mirror.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { transitionMt } from "./mt-move.ts";
import { transitionWp } from "./wp-move.ts";
import { handoffsOf } from "./handoff-store.ts";

export interface Binding {
  wp: string | null;
  mt: string | null;
  scope: string[];
}

/** Before anything is created: the work exists and is workable, and the scope comes from the task. */
export function resolveBinding(ws: Workspace, input: { wp?: string; mt?: string; scope: string[] }): Binding {
  if (!input.mt && !input.wp) return { wp: null, mt: null, scope: input.scope };
  const mt = input.mt ? getMt(ws, input.mt) : undefined;
  const wpId = mt?.wp_id ?? input.wp!;
  if (mt && input.wp && input.wp !== mt.wp_id) {
    throw new HsError("HS-USAGE", `${mt.mt_id} belongs to ${mt.wp_id}, not ${input.wp}`, {
      hint: `hs session create --mt ${mt.mt_id}`,
    });
  }
  const wp = getWp(ws, wpId);
  if (!["ready", "in_progress", "blocked"].includes(wp.status)) {
    throw new HsError(
      "HS-WP-NOT-WORKABLE",
      `${wp.wp_id} is ${wp.status}; sessions bind to work that is ready or in progress`,
      {
        hint: wp.status === "stub" ? `hs wp ready ${wp.wp_id}` : `hs wp show ${wp.wp_id}`,
      },
    );
  }
  if (mt && (mt.status === "completed" || mt.status === "skipped")) {
    throw new HsError("HS-WP-NOT-WORKABLE", `${mt.mt_id} is ${mt.status}`, {
      hint: `hs mt add ${wp.wp_id} --name 'follow-up' --files-modify '${mt.files.modify[0] ?? mt.files.create[0] ?? "src/**"}'`,
    });
  }
  if (!mt) return { wp: wp.wp_id, mt: null, scope: input.scope };
  return { wp: wp.wp_id, mt: mt.mt_id, scope: sessionScopeFor(mt, input.scope) };
}

/** After the session row exists: the task lists the session (the session row already names the task). */
export function recordBinding(ws: Workspace, session: SessionRecord): void {
  if (!session.mt) return;
  underWorkLock(ws, () => {
    const mt = getMt(ws, session.mt!);
    if (mt.session_ids.includes(session.id)) return;
    writeMt(ws, { ...mt, session_ids: [...mt.session_ids, session.id], version: mt.version + 1, updated_at: nowIso() });
    refreshWorkIndex(ws, { force: true });
    syncBoard(ws, SYSTEM);
  });
}

/** The session went active: its task (and a ready packet) move to in_progress; the session joins the active list. */
export function startBoundWork(ws: Workspace, session: SessionRecord): void {
  const mt = session.mt ? findMt(ws, session.mt) : undefined;
  if (!mt) return;
  if (mt.status === "pending" || mt.status === "blocked" || mt.status === "failed") {
    transitionMt(ws, SYSTEM, mt.mt_id, "in_progress", { reason: `session ${session.id} started`, session: session.id });
    return;
  }
  if (mt.status === "in_progress" && !mt.active_session_ids.includes(session.id)) {
    underWorkLock(ws, () => {
      const current = getMt(ws, mt.mt_id);
      writeMt(ws, {
        ...current,
        active_session_ids: [...current.active_session_ids, session.id],
        version: current.version + 1,
        updated_at: nowIso(),
      });
      refreshWorkIndex(ws, { force: true });
      syncBoard(ws, SYSTEM);
    });
    const wp = getWp(ws, mt.wp_id);
    if (wp.status === "ready")
      transitionWp(ws, SYSTEM, wp.wp_id, "in_progress", `session ${session.id} started`);
  }
}

/**
 * Closing a session bound to work needs a handoff, unless the operator waives it with a reason (recorded as
 * handoff.waived). Sessions bound to nothing need none.
 */
export function requireHandoff(
  ws: Workspace,
  actor: Actor,
  input: { session: SessionRecord; noHandoff?: boolean; reason?: string },
): void {
  const { session } = input;
  if (!session.wp && !session.mt) return;
  if (handoffsOf(ws, session.id).length) return;
  if (!input.noHandoff) {
    throw new HsError(
      "HS-HANDOFF-REQUIRED",
      `session '${session.id}' works on ${session.mt ?? session.wp} and has written no handoff`,
      {
        hint: `hs handoff write ${session.id} --done-text 'what was done' --remaining-text 'what remains'   (or: hs session close ${session.id} --no-handoff --reason 'why none is needed')`,
      },
    );
  }
  authorize(ws, actor, `session close ${session.id} --no-handoff`, { who: "operator" });
  if (!input.reason?.trim()) {
    throw new HsError("HS-USAGE", "--no-handoff needs --reason TEXT (the waiver is recorded)", {
      hint: `hs session close ${session.id} --no-handoff --reason 'nothing was started'`,
    });
  }
  recordWork(
    ws,
    actor,
    "handoff.waived",
    { wp: session.wp, mt: session.mt, session: session.id },
    { session_id: session.id, reason: input.reason },
  );
}
