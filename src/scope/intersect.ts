import { ANY_NAME, intersectSegments } from "./segment-ops.ts";
import type { Segment } from "./segments.ts";

/** Names of a path matching both sequences; `null` inside means "some name, none built". */
export type Witness = (string | null)[];

/**
 * Whether some path matches both segment sequences, with a witness. `**` matches zero or more
 * segments; false is answered only when every way of aligning the two sequences fails.
 */
export function intersectSequences(a: readonly Segment[], b: readonly Segment[]): Witness | null {
  const memo = new Map<number, Witness | null>();
  const walk = (i: number, j: number): Witness | null => {
    const key = i * (b.length + 1) + j;
    if (memo.has(key)) return memo.get(key) ?? null;
    memo.set(key, null); // both-globstar cycles are impossible (each step advances), this is belt and braces
    const result = step(i, j);
    memo.set(key, result);
    return result;
  };
  const step = (i: number, j: number): Witness | null => {
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) return [];
    if (x?.kind === "globstar") {
      // `x` matching nothing, or swallowing one name that `y` also accepts.
      if (y === undefined || y.kind === "globstar") return walk(i + 1, j) ?? (y ? walk(i, j + 1) : null);
      return walk(i + 1, j) ?? consume(ANY_NAME, y, i, j + 1);
    }
    if (y?.kind === "globstar") return walk(i, j + 1) ?? (x ? consume(x, ANY_NAME, i + 1, j) : null);
    if (x === undefined || y === undefined) return null;
    return consume(x, y, i + 1, j + 1);
  };
  const consume = (x: Exclude<Segment, { kind: "globstar" }>, y: Exclude<Segment, { kind: "globstar" }>, i: number, j: number): Witness | null => {
    const name = intersectSegments(x, y);
    if (name === null) return null;
    const rest = walk(i, j);
    return rest === null ? null : [name === "unknown" ? null : name, ...rest];
  };
  return walk(0, 0);
}
