import micromatch from "micromatch";
import { createPathMatcher } from "./matcher.ts";
import type { Segment } from "./segments.ts";

/**
 * A path the child glob matches and the parent scope does not, built from the uncovered variant;
 * when none of the few candidates works, the variant itself (`src/**`) describes the gap.
 */
export function withinExample(childGlob: string, variant: readonly Segment[] | null, parent: readonly string[]): string {
  if (variant === null) return childGlob;
  const inChild = createPathMatcher([childGlob]);
  const inParent = createPathMatcher(parent);
  for (const filler of ["x", ""]) {
    const path = variant.map((s) => name(s, filler)).filter((n) => n !== "").join("/");
    if (path !== "" && inChild(path) && !inParent(path)) return path;
  }
  return variant.map((s) => (s.kind === "globstar" ? "**" : s.text)).join("/");
}

function name(segment: Segment, filler: string): string {
  if (segment.kind === "globstar") return filler;
  if (segment.kind === "literal") return segment.text;
  const candidates = [segment.prefix + "x" + segment.suffix, segment.prefix + segment.suffix, "x"];
  return candidates.find((c) => c !== "" && micromatch.isMatch(c, segment.text, { dot: true })) ?? segment.text;
}
