import micromatch from "micromatch";
import { globstarInsideBraces, MAX_BRACE_EXPANSIONS } from "./braces.ts";

export type GlobValidation = { ok: true; normalized: string } | { ok: false; reason: string };

// `..` as a whole segment or as a whole brace/extglob alternative: `{..,a}/x`, `@(..|a)/x`.
const PARENT_ANYWHERE = /(^|[/{,(|])\.\.($|[/},)|])/;

/** Checks a scope glob at session creation and returns the form stored and matched. */
export function validateScopeGlob(glob: string): GlobValidation {
  if (glob.trim() === "") return { ok: false, reason: "empty glob" };
  if (glob.includes("\0")) return { ok: false, reason: "NUL byte in glob" };
  if (glob.includes("\\")) return { ok: false, reason: "backslash in glob (use / as separator; escapes are not supported)" };
  if (glob.includes('"')) return { ok: false, reason: "double quote in glob (micromatch strips quotes: `\"a\"` would match `a`)" };
  if (/^(\/|~|[A-Za-z]:(\/|$))/.test(glob)) return { ok: false, reason: "absolute glob; scopes are relative to the worktree root" };
  if (glob.startsWith("!") && !glob.startsWith("!(")) return { ok: false, reason: "negated glob; a scope lists what is included" };
  // Outside `[!a]` and `!(a)`, picomatch mis-compiles `!` (`a!b/{a..c}/*` loses its leading `a`).
  if (/!(?!\()/.test(glob.replace(/\[[^\]]*\]/g, ""))) return { ok: false, reason: "`!` outside `[!…]` or `!(…)` is not supported in scope globs" };
  if (PARENT_ANYWHERE.test(glob)) return { ok: false, reason: "glob escapes the worktree root (`..` segment)" };
  if (barOutsideExtglob(glob)) return { ok: false, reason: "`|` outside an extglob (micromatch can read it as alternation: `a|b/c` matches `a`)" };
  if (globstarInsideBraces(glob)) return { ok: false, reason: "`**` inside braces is not a globstar in micromatch (write `{src,test}/**`)" };
  const expanded = expandBraces(glob);
  if (expanded === null) return { ok: false, reason: `brace expansion too large (over ${MAX_BRACE_EXPANSIONS} globs)` };
  if (expanded.some((g) => g.split("/").includes(".."))) return { ok: false, reason: "glob escapes the worktree root (`..` after brace expansion)" };
  // micromatch gives `**.ts` and `***` position-dependent meanings (see segments.ts); say what is meant.
  if (expanded.some((g) => g.split("/").some((s) => s !== "**" && s.includes("**")))) {
    return { ok: false, reason: "`**` must be a whole segment (write `**/*.ts`, not `**.ts`)" };
  }
  const normalized = normalize(glob);
  if (normalized === "") return { ok: false, reason: "empty glob after normalisation" };
  return { ok: true, normalized };
}

function expandBraces(glob: string): string[] | null {
  try {
    const out = micromatch.braces(glob, { expand: true, rangeLimit: MAX_BRACE_EXPANSIONS });
    return out.length > MAX_BRACE_EXPANSIONS ? null : out;
  } catch {
    return null;
  }
}

function barOutsideExtglob(glob: string): boolean {
  let depth = 0;
  for (const ch of glob) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === "|" && depth === 0) return true;
  }
  return false;
}

/** `./a` -> `a`, `a//b` and `a/./b` -> `a/b`, `a/.` -> `a`, `a/` -> `a/**`, `.` -> `**`. */
function normalize(glob: string): string {
  let g = glob.replace(/\/{2,}/g, "/");
  while (g.includes("/./")) g = g.replace("/./", "/");
  while (g.startsWith("./")) g = g.slice(2);
  if (g.endsWith("/.")) g = g.slice(0, -2);
  if (g === "" || g === ".") return "**";
  if (g.endsWith("/")) g = `${g}**`;
  return g;
}
