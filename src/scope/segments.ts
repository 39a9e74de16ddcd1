import micromatch from "micromatch";
import { globstarInsideBraces, MAX_BRACE_EXPANSIONS } from "./braces.ts";
import { isLiteralGlob } from "./literal.ts";
import { modelAgreesWithMicromatch } from "./model-check.ts";

/** One position of a glob split on `/`. */
export type Segment =
  | { kind: "globstar" }
  | { kind: "literal"; text: string }
  // `prefix`/`suffix`: the literal text before the first and after the last wildcard.
  | { kind: "pattern"; text: string; prefix: string; suffix: string; anyName: boolean; singleStar: boolean };

/** A glob as alternatives of segment sequences, or "complex" when the model does not understand it. */
export type GlobModel = { kind: "segments"; variants: Segment[][] } | { kind: "complex" };

const WILDCARD = /[*?[\]]/;

/**
 * Models a glob exactly as micromatch ({dot: true}) matches it, plus the directory rule. Anything
 * it cannot model with certainty (extglobs, negation, escapes, quotes, `|`, unexpanded braces,
 * brackets spanning `/`, `**` inside a name or inside braces, `.`/`..`/empty segments, or a glob
 * micromatch disagrees with the model about) is "complex"; callers then over- or under-approximate
 * as safety requires.
 */
export function modelGlob(glob: string): GlobModel {
  // picomatch strips double quotes (`"a"` matches `a`) and can leak `|` into its regex (`a|b/a` matches `a`).
  if (/[()"|\\\0]/.test(glob) || glob.startsWith("!") || glob.startsWith("/")) return { kind: "complex" };
  if (globstarInsideBraces(glob)) return { kind: "complex" };
  let expanded: string[];
  try {
    expanded = micromatch.braces(glob, { expand: true, rangeLimit: MAX_BRACE_EXPANSIONS });
  } catch {
    return { kind: "complex" };
  }
  if (expanded.length === 0 || expanded.length > MAX_BRACE_EXPANSIONS) return { kind: "complex" };
  const variants: Segment[][] = [];
  for (const alternative of expanded) {
    const segments = splitSegments(alternative);
    if (segments === null) return { kind: "complex" };
    variants.push(segments);
  }
  if (!modelAgreesWithMicromatch(glob, variants)) return { kind: "complex" };
  // The directory rule is decided on the whole glob, exactly as the matcher decides it.
  if (isLiteralGlob(glob)) variants.push(...variants.map((v) => [...v, { kind: "globstar" } as const]));
  return { kind: "segments", variants };
}

function splitSegments(glob: string): Segment[] | null {
  const out: Segment[] = [];
  const parts = glob.split("/");
  if (parts[0] === "." && parts.length > 1) parts.shift(); // micromatch ignores a leading `./`
  for (const part of parts) {
    const segment = parseSegment(part);
    if (segment === null) return null;
    out.push(segment);
  }
  return out;
}

function parseSegment(text: string): Segment | null {
  if (text === "" || text === "." || text === ".." || /[{}]/.test(text) || bangOutsideBrackets(text)) return null;
  if (text === "**") return { kind: "globstar" };
  // picomatch 4 is position-dependent here: `**.ts` matches `a/b.ts`, `**a` does not match `b/a`,
  // and `a.ts/***` compiles to /^.ts\/…/. A `**` that is not a whole segment is not modelled.
  if (text.includes("**")) return null;
  if (!WILDCARD.test(text)) return { kind: "literal", text };
  if (!bracketsBalanced(text)) return null;
  const first = text.search(WILDCARD);
  let last = text.length - 1;
  while (!WILDCARD.test(text[last] ?? "")) last--;
  return {
    kind: "pattern",
    text,
    prefix: text.slice(0, first),
    suffix: text.slice(last + 1),
    anyName: /^\*+$/.test(text),
    singleStar: /^[^*?[\]]*\*[^*?[\]]*$/.test(text),
  };
}

// picomatch 4 compiles `a!b/{a..c}/*` to /^!b\/[a-c]…/: a `!` outside a class is not modelled.
function bangOutsideBrackets(text: string): boolean {
  return text.replace(/\[[^\]]*\]/g, "").includes("!");
}

function bracketsBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "[") depth++;
    else if (ch === "]" && --depth < 0) return false;
  }
  return depth === 0;
}
