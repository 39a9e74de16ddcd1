// Dependencies between work packets (pure): cycle detection and the ready list (digest §3.2 "Ready work").
import type { WorkPacket } from "./wp-model.ts";

export interface Edge {
  /** The blocking work packet. */
  from: string;
  /** The blocked one. */
  to: string;
}

export function edgesOf(wps: readonly WorkPacket[]): Edge[] {
  return wps.flatMap((wp) => wp.dependencies.map((dep) => ({ from: dep.from_wp_id, to: dep.to_wp_id })));
}

/** The cycle (as a path of ids, first = last) that adding `edge` would close, or null. */
export function cycleWith(edges: readonly Edge[], edge: Edge): string[] | null {
  if (edge.from === edge.to) return [edge.from, edge.to];
  const next = new Map<string, string[]>();
  for (const e of [...edges, edge]) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // A cycle through the new edge exists iff `edge.to` already reaches `edge.from`.
  const seen = new Set<string>();
  const walk = (node: string, trail: string[]): string[] | null => {
    if (node === edge.from) return [...trail, node];
    if (seen.has(node)) return null;
    seen.add(node);
    for (const after of next.get(node) ?? []) {
      const found = walk(after, [...trail, node]);
      if (found) return found;
    }
    return null;
  };
  const path = walk(edge.to, [edge.from]);
  return path;
}

/** Work packets whose blockers are all done, among `ready`/`in_progress` ones: priority first (0 = highest), then age. */
export function readyList(wps: readonly WorkPacket[], limit = 20): WorkPacket[] {
  const status = new Map(wps.map((wp) => [wp.wp_id, wp.status]));
  return wps
    .filter((wp) => wp.status === "ready" || wp.status === "in_progress")
    .filter((wp) => wp.dependencies.every((dep) => status.get(dep.from_wp_id) === "done"))
    .sort(
      (a, b) => a.priority - b.priority || a.created_at.localeCompare(b.created_at) || a.wp_id.localeCompare(b.wp_id),
    )
    .slice(0, limit);
}

/** Blockers of one packet that are not done yet. */
export function openBlockers(wp: WorkPacket, wps: readonly WorkPacket[]): string[] {
  const status = new Map(wps.map((other) => [other.wp_id, other.status]));
  return wp.dependencies.map((dep) => dep.from_wp_id).filter((id) => status.get(id) !== "done");
}
