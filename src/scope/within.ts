import { ANY_NAME, segmentWithin } from "./segment-ops.ts";
import { modelGlob, type Segment } from "./segments.ts";
import { withinExample } from "./within-example.ts";

export type WithinResult = { ok: true } | { ok: false; glob: string; example: string };

/**
 * Conservative containment for child sessions: ok only when every path some child glob could
 * match is provably matched by one parent glob. Child globs the model cannot read count as
 * matching everything; parent globs it cannot read count as matching nothing, unless the very
 * same glob appears in the child. `example` is a path the child matches and the parent does not
 * when one could be built, otherwise the uncovered part of the glob.
 */
export function scopeIsWithin(child: readonly string[], parent: readonly string[]): WithinResult {
  const parentVariants = parent.flatMap((g) => underApproximate(g));
  for (const glob of child) {
    if (parent.includes(glob)) continue;
    const model = modelGlob(glob);
    const variants: Segment[][] = model.kind === "complex" ? [[{ kind: "globstar" }]] : model.variants;
    const uncovered = variants.find((v) => !parentVariants.some((p) => sequenceWithin(v, p)));
    if (uncovered === undefined) continue;
    return { ok: false, glob, example: withinExample(glob, model.kind === "complex" ? null : uncovered, parent) };
  }
  return { ok: true };
}

function underApproximate(glob: string): Segment[][] {
  const model = modelGlob(glob);
  return model.kind === "complex" ? [] : model.variants.map(globstarsAfterWildcardsNonEmpty);
}

// picomatch lets a trailing `/**` match nothing after a name (`a/**` matches `a`) but not after a
// name ending in `*` (`*/**` does not match `a`): in a parent, such a `**` is taken as `*/**`.
function globstarsAfterWildcardsNonEmpty(variant: Segment[]): Segment[] {
  return variant.flatMap((s, i) => (s.kind === "globstar" && variant[i - 1]?.kind === "pattern" ? [ANY_NAME, s] : [s]));
}

/** True only when every path matching `child` provably matches `parent`. */
export function sequenceWithin(child: readonly Segment[], parent: readonly Segment[]): boolean {
  const memo = new Map<number, boolean>();
  const walk = (i: number, j: number): boolean => {
    const key = i * (child.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = step(i, j);
    memo.set(key, result);
    return result;
  };
  const step = (i: number, j: number): boolean => {
    const p = parent[j];
    const c = child[i];
    if (p === undefined) return c === undefined;
    if (p.kind === "globstar") {
      if (parent.slice(j).every((s) => s.kind === "globstar")) return true;
      // `**` matching nothing, or swallowing the child's next segment (a name or a `**`).
      return walk(i, j + 1) || (c !== undefined && walk(i + 1, j));
    }
    if (c === undefined || c.kind === "globstar") return false;
    return segmentWithin(c, p) && walk(i + 1, j + 1);
  };
  return walk(0, 0);
}
