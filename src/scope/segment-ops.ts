import micromatch from "micromatch";
import type { Segment } from "./segments.ts";

type Single = Exclude<Segment, { kind: "globstar" }>;
/** What a `**` offers when it consumes one path segment: any name. */
export const ANY_NAME = { kind: "pattern", text: "*", prefix: "", suffix: "", anyName: true, singleStar: true } as const;

/** A name matching both, null when provably none does, "unknown" when some may but none was built. */
export function intersectSegments(a: Single, b: Single): string | null | "unknown" {
  if (a.kind === "literal" && b.kind === "literal") return a.text === b.text ? a.text : null;
  if (a.kind === "literal") return matchesName(a.text, b) ? a.text : null;
  if (b.kind === "literal") return matchesName(b.text, a) ? b.text : null;
  if (!compatible(a.prefix, b.prefix, (x, y) => x.startsWith(y))) return null;
  if (!compatible(a.suffix, b.suffix, (x, y) => x.endsWith(y))) return null;
  const prefix = longer(a.prefix, b.prefix);
  const suffix = longer(a.suffix, b.suffix);
  for (const middle of ["x", "", "a", "b", "0", "_"]) {
    const name = prefix + middle + suffix;
    if (name !== "" && matchesName(name, a) && matchesName(name, b)) return name;
  }
  return "unknown";
}

/** True only when every name matching `child` provably matches `parent`. */
export function segmentWithin(child: Single, parent: Single): boolean {
  if (parent.kind === "literal") return child.kind === "literal" && child.text === parent.text;
  if (parent.anyName) return true;
  if (child.kind === "literal") return matchesName(child.text, parent);
  // Only `prefix*suffix` parents are decided: every child name starts with the child's prefix and
  // ends with its suffix, which then carry the parent's, and is at least as long as both together.
  return parent.singleStar && child.prefix.startsWith(parent.prefix) && child.suffix.endsWith(parent.suffix);
}

function matchesName(name: string, pattern: Single): boolean {
  return pattern.kind === "literal" ? name === pattern.text : micromatch.isMatch(name, pattern.text, { dot: true });
}

function compatible(x: string, y: string, starts: (x: string, y: string) => boolean): boolean {
  return starts(x, y) || starts(y, x);
}

function longer(x: string, y: string): string {
  return x.length >= y.length ? x : y;
}
