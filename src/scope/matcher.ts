import micromatch from "micromatch";
import { isLiteralGlob } from "./literal.ts";
import { canonicalRelativePath } from "./path.ts";

export const MATCH_OPTIONS = { dot: true } as const;

/** The patterns a scope glob stands for: itself, plus `glob/**` when it is a literal directory name. */
export function matchPatterns(glob: string): string[] {
  return isLiteralGlob(glob) ? [glob, `${glob}/**`] : [glob];
}

/** Compiles the globs once; the returned function is the hot path hooks call per staged path. */
export function createPathMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.flatMap(matchPatterns);
  if (patterns.length === 0) return () => false;
  const tests = patterns.map((p) => micromatch.matcher(p, MATCH_OPTIONS));
  return (relativePath) => {
    const path = canonicalRelativePath(relativePath);
    return path !== null && tests.some((test) => test(path));
  };
}

const cache = new Map<string, (relativePath: string) => boolean>();
const CACHE_LIMIT = 64;

/** Memoised so a caller looping over paths with the same scope compiles it only once. */
export function cachedPathMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const key = JSON.stringify(globs);
  let matcher = cache.get(key);
  if (matcher === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    matcher = createPathMatcher(globs);
    cache.set(key, matcher);
  }
  return matcher;
}

export function isInScope(relativePath: string, scope: readonly string[]): boolean {
  return cachedPathMatcher(scope)(relativePath);
}
