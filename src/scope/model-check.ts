import micromatch from "micromatch";
import { createPathMatcher } from "./matcher.ts";
import type { Segment } from "./segments.ts";

/**
 * Self-check of the model against micromatch: paths built from each variant must match the glob.
 * picomatch has mis-compilations the model cannot know of (`a.ts/***` lost its `a`); a glob that
 * fails here is treated as unknown rather than trusted.
 */
export function modelAgreesWithMicromatch(glob: string, variants: readonly Segment[][]): boolean {
  const matches = createPathMatcher([glob]);
  return variants.every((variant) => samples(variant).every((path) => path === "" || matches(path)));
}

function samples(variant: readonly Segment[]): string[] {
  const names = variant.map(sampleName);
  if (names.some((n) => n === null)) return [];
  const oneEach = names.map((n) => n ?? "x").join("/");
  // `**` matching nothing is checked only where picomatch allows it: not after a wildcard name.
  const none = variant.some((s, i) => s.kind === "globstar" && variant[i - 1]?.kind === "pattern")
    ? ""
    : names.filter((n, i) => variant[i]?.kind !== "globstar").join("/");
  return [oneEach, none];
}

function sampleName(segment: Segment): string | null | undefined {
  if (segment.kind === "globstar") return undefined;
  if (segment.kind === "literal") return segment.text;
  const candidates = [segment.prefix + "x" + segment.suffix, segment.prefix + segment.suffix, "x", "a", "0"];
  return candidates.find((c) => c !== "" && micromatch.isMatch(c, segment.text, { dot: true })) ?? null;
}
