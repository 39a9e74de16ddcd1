// Pure checks of the paths a version.* request names: plain repository-relative paths, and for a session, inside
// its IN_SCOPE_PATHS and outside the governance paths (the rules its own pre-commit hook applies).
import { HsError } from "../errors.ts";
import { createGovernanceMatcher, createPathMatcher } from "../scope/index.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { isPlainRelative } from "./safe-read.ts";

export const MAX_PATHS = 1000;

export function checkPaths(paths: readonly string[], verb: string): string[] {
  if (!paths.length) throw new HsError("HS-USAGE", `${verb}: name at least one path`, { hint: `hs vcs status main   # the changed paths` });
  if (paths.length > MAX_PATHS) throw new HsError("HS-USAGE", `${verb}: at most ${MAX_PATHS} paths at once`, { hint: "split the selection" });
  const bad = paths.filter((p) => !isPlainRelative(p));
  if (bad.length) {
    throw new HsError("HS-USAGE", `${verb}: not a plain repository-relative path: ${bad.slice(0, 3).join(", ")}`, {
      hint: "give paths as hs vcs status prints them (no .., no leading /, no :pathspec magic)",
    });
  }
  return [...new Set(paths)];
}

/** Throws the first HS-GOVERNANCE-PATH / HS-SCOPE-OUT refusal among `paths` for this session. */
export function checkSessionScope(session: SessionRecord, governance: readonly string[], paths: readonly string[], verb: string): void {
  const isGovernance = createGovernanceMatcher(governance);
  const inScope = createPathMatcher(session.scope);
  for (const file of paths) {
    if (isGovernance(file)) {
      throw new HsError("HS-GOVERNANCE-PATH", `${verb}: '${file}' is inside a governance path (${governance.join(", ")})`, {
        hint: `hs vcs ${verb} ${session.id} -- <paths without ${file}>`,
        details: { path: file, session: session.id },
      });
    }
    if (!inScope(file)) {
      const scope = session.scope.length ? session.scope.join(", ") : "no scope";
      throw new HsError("HS-SCOPE-OUT", `${verb}: '${file}' is outside session ${session.id}'s IN_SCOPE_PATHS (${scope})`, {
        hint: `hs vcs ${verb} ${session.id} -- <paths without ${file}>`,
        details: { path: file, session: session.id },
      });
    }
  }
}
