// Scope overlaps between live sessions for the radar. The answer is a pure function of the two glob lists, so it is
// cached under their exact text; the glob matcher (micromatch) is loaded only when some pair is not cached yet.
import type { RadarCache } from "./radar-cache.ts";
import { pairsOf } from "./radar-plan.ts";

export interface ScopePair {
  a: string;
  b: string;
  scope_overlap: { example: string; globs: [string, string] } | null;
}

type Cached = { example: string; globs: [string, string] } | null;

const keyOf = (a: readonly string[], b: readonly string[]) => `scope:${JSON.stringify([a, b])}`;

export async function scopePairs(sessions: ReadonlyArray<{ id: string; scope: readonly string[] }>, cache: RadarCache): Promise<ScopePair[]> {
  const pairs = pairsOf(sessions);
  if (pairs.some(([a, b]) => cache.get(keyOf(a.scope, b.scope)) === undefined)) {
    const { scopesMayOverlap } = await import("../scope/overlap.ts");
    for (const [a, b] of pairs) {
      const key = keyOf(a.scope, b.scope);
      if (cache.get(key) !== undefined) continue;
      const overlap = scopesMayOverlap(a.scope, b.scope);
      cache.set(key, overlap.overlap ? { example: overlap.example, globs: overlap.globs } : null);
    }
  }
  return pairs.map(([a, b]) => ({ a: a.id, b: b.id, scope_overlap: cache.get<Cached>(keyOf(a.scope, b.scope)) ?? null }));
}
