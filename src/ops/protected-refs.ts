// Pure: which refs are protected branches. `protected_branches` in workspace.json lists branch names or
// globs (`main`, `release/*`), short or as full refs; hooks import this, so it loads no zod or SQLite.
import micromatch from "micromatch";

export function branchRef(name: string): string {
  return name.startsWith("refs/") ? name : `refs/heads/${name}`;
}

/** Compiled once; the returned function answers for full ref names (`refs/heads/main`). */
export function protectedRefMatcher(patterns: readonly string[]): (ref: string) => boolean {
  if (!patterns.length) return () => false;
  const tests = patterns.map((pattern) => micromatch.matcher(branchRef(pattern), { dot: true }));
  return (ref) => tests.some((test) => test(ref));
}
