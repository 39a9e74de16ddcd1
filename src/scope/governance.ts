// Governance paths match case-insensitively and after Unicode NFC normalisation: `.gov/policy.md` is
// `.GOV/policy.md` on a case-insensitive checkout (and in the operator's eyes), and an NFD spelling of
// an accented name is the same name on file systems that normalise. Scope matching stays exact.
import micromatch from "micromatch";
import { matchPatterns } from "./matcher.ts";
import { canonicalRelativePath } from "./path.ts";

export const DEFAULT_GOVERNANCE: readonly string[] = [".handshake/gov/**", ".GOV/**"];

const GOVERNANCE_OPTIONS = { dot: true, nocase: true } as const;

/** The form governance globs and paths are compared in. */
export function foldPath(path: string): string {
  return path.normalize("NFC").toLowerCase();
}

/** Compiles the governance globs once; the returned function is called per path (hooks, merge-back, the gate). */
export function createGovernanceMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.flatMap((glob) => matchPatterns(foldPath(glob)));
  if (patterns.length === 0) return () => false;
  const tests = patterns.map((pattern) => micromatch.matcher(pattern, GOVERNANCE_OPTIONS));
  return (relativePath) => {
    const path = canonicalRelativePath(relativePath);
    if (path === null) return false;
    const folded = foldPath(path);
    return tests.some((test) => test(folded));
  };
}

const cache = new Map<string, (relativePath: string) => boolean>();

/** True when the path lies inside one of the governance globs, whatever its case or Unicode normal form. */
export function isGovernancePath(relativePath: string, governance: readonly string[]): boolean {
  const key = JSON.stringify(governance);
  let matcher = cache.get(key);
  if (!matcher) {
    if (cache.size >= 64) cache.clear();
    matcher = createGovernanceMatcher(governance);
    cache.set(key, matcher);
  }
  return matcher(relativePath);
}
