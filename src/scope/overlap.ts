import { intersectSequences } from "./intersect.ts";
import { createPathMatcher } from "./matcher.ts";
import { modelGlob, type Segment } from "./segments.ts";

export type OverlapResult = { overlap: false } | { overlap: true; example: string; globs: [string, string] };

const EVERYTHING: Segment[][] = [[{ kind: "globstar" }]];

/**
 * The lock-mode safety check. Never answers {overlap: false} when some path could match both
 * scopes: globs it cannot model count as matching everything. Deterministic: the first
 * overlapping pair in (a, b) order is reported. `example` is a concrete path matching both when
 * one could be built and checked, otherwise a description `globA ~ globB`.
 */
export function scopesMayOverlap(a: readonly string[], b: readonly string[]): OverlapResult {
  for (const ga of a) {
    for (const gb of b) {
      const example = globsMayOverlap(ga, gb);
      if (example !== null) return { overlap: true, example, globs: [ga, gb] };
    }
  }
  return { overlap: false };
}

/** null when provably disjoint, otherwise the best example of a shared path. */
export function globsMayOverlap(ga: string, gb: string): string | null {
  const va = overApproximate(ga);
  const vb = overApproximate(gb);
  let found = false;
  for (const x of va) {
    for (const y of vb) {
      const witness = intersectSequences(x, y);
      if (witness === null) continue;
      found = true;
      if (witness.some((n) => n === null)) continue;
      // The witness lets every `**` match nothing; picomatch sometimes wants one more name (`*/**`).
      const base = witness.join("/");
      const example = [base, base === "" ? "x" : `${base}/x`].find((p) => p !== "" && bothMatch(p, ga, gb));
      if (example !== undefined) return example;
    }
  }
  return found ? `${ga} ~ ${gb}` : null;
}

function overApproximate(glob: string): Segment[][] {
  const model = modelGlob(glob);
  return model.kind === "complex" ? EVERYTHING : model.variants;
}

function bothMatch(path: string, ga: string, gb: string): boolean {
  return createPathMatcher([ga])(path) && createPathMatcher([gb])(path);
}
