// One Flight Recorder event per work operation, correlated with wp_id / mt_id / session_id.
import type { Workspace } from "../registry/workspace.ts";
import type { EventType } from "../registry/event-types.ts";
import type { FrEvent } from "../registry/flight-recorder.ts";
import { immediate } from "../registry/sqlite.ts";
import { actorLabel, frActor, type Actor } from "../ops/actor.ts";

export interface Correlation {
  wp?: string | null;
  mt?: string | null;
  session?: string | null;
}

export function recordWork(
  ws: Workspace,
  actor: Actor,
  type: EventType,
  ids: Correlation,
  payload: Record<string, unknown>,
): FrEvent {
  return ws.record({
    type,
    actor: frActor(actor),
    wp_id: ids.wp ?? null,
    mt_id: ids.mt ?? null,
    session_id: ids.session ?? null,
    payload: { ...payload, by: actorLabel(actor) },
  });
}

/** Read-modify-write of governance files under devcc.db's write lock, so concurrent hs processes serialise. */
export function underWorkLock<T>(ws: Workspace, fn: () => T): T {
  return immediate(ws.db, fn);
}

export const nowIso = () => new Date().toISOString();
