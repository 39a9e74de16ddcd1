// Lock mode shares one worktree, so the sandbox must open exactly the session's scope and nothing wider
// (pure). A bind mount opens a whole folder or one existing path; a glob narrower than that (`src/*.ts`)
// cannot be enforced, and opening its base folder would let the session write other sessions' files.
import micromatch from "micromatch";
import { isLiteralGlob } from "../scope/literal.ts";

export interface LockOpening {
  glob: string;
  /** Relative path the sandbox makes writable. */
  path: string;
  /** folder: `dir/**` (the folder is created if missing); path: a literal, a file or a folder that exists. */
  kind: "folder" | "path";
}

export type LockScopePlan = { ok: true; openings: LockOpening[] } | { ok: false; glob: string; reason: string };

/** First segments a lock scope never opens: git's and hs's own state live there. */
const RESERVED = [".git", ".handshake"];

export function planLockScope(scope: readonly string[]): LockScopePlan {
  const openings: LockOpening[] = [];
  for (const glob of scope) {
    for (const expanded of micromatch.braces(glob, { expand: true })) {
      const opening = openingOf(glob, expanded);
      if ("reason" in opening) return { ok: false, glob, reason: opening.reason };
      if (!openings.some((known) => known.path === opening.path && known.kind === opening.kind)) openings.push(opening);
    }
  }
  return { ok: true, openings };
}

function openingOf(glob: string, expanded: string): LockOpening | { reason: string } {
  const folder = expanded.endsWith("/**") ? expanded.slice(0, -3) : null;
  const literal = folder ?? expanded;
  if (literal === "" || literal === "**" || !isLiteralGlob(literal)) {
    const base = micromatch.scan(expanded).base;
    const wider = base && base !== "." ? `the folder '${base}'` : "the whole worktree";
    const why = `opening ${wider} would let the session write outside its scope`;
    return { reason: `it is narrower than a folder; the sandbox can open only whole folders (dir/**) or named paths, and ${why}` };
  }
  const first = literal.split("/")[0]!.toLowerCase();
  if (RESERVED.includes(first)) return { reason: `'${first}' holds git's and hs's own state; no lock scope opens it` };
  return { glob, path: literal, kind: folder === null ? "path" : "folder" };
}
