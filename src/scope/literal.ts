import micromatch from "micromatch";

/** A glob micromatch would match only literally; such a glob also names a directory (`src` covers `src/a.ts`). */
export function isLiteralGlob(glob: string): boolean {
  return !micromatch.scan(glob).isGlob;
}
