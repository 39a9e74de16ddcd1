// The rm shim's no-Node path: `rm [-f|-v] FILE…` where every FILE is an existing regular file (not a
// symlink, no symlinked parent, no `..`) whose worktree path matches a scope pattern and no governance
// pattern. Scope globs become sh `case` patterns only when the translation is exact or narrower;
// governance globs become patterns that are never narrower. Anything else goes to `hs __gate`.
import micromatch from "micromatch";
import { shQuote } from "./shell-quote.ts";
import { pattern } from "./fast-path-sh.ts";

const LITERAL = /^[A-Za-z0-9._\-/@+,= ]+$/;

function literalDir(text: string): string | undefined {
  const trimmed = text.replace(/\/+$/, "");
  if (!trimmed || !LITERAL.test(trimmed) || trimmed.split("/").some((segment) => segment === ".." || segment === "." || segment === "")) return undefined;
  return trimmed;
}

/** sh patterns that match a subset of what the scope glob matches (possibly none). */
export function scopePatterns(glob: string): string[] {
  if (glob === "**" || glob === "**/*") return ["*"];
  const literal = glob.endsWith("/") ? undefined : literalDir(glob);
  if (literal) return [shQuote(literal), `${shQuote(literal)}/*`];
  const prefix = glob.endsWith("/**") ? literalDir(glob.slice(0, -3)) : undefined;
  return prefix ? [`${shQuote(prefix)}/*`] : [];
}

/** sh patterns that match a superset of what the governance glob matches (any case: `.gov` is `.GOV`). */
export function governancePatterns(glob: string): string[] {
  const scan = micromatch.scan(glob);
  if (scan.negated) return ["*"];
  const base = scan.isGlob ? literalDir(scan.base) : literalDir(glob);
  if (!base) return ["*"];
  const pattern = anyCase(base);
  return [pattern, `${pattern}/*`];
}

/** `.GOV` -> `.[gG][oO][vV]`: each letter either case, everything else quoted. */
function anyCase(literal: string): string {
  return [...literal].map((char) => (/[A-Za-z]/.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : shQuote(char))).join("");
}

// Repository internals never take the fast path, whatever the scope says.
const ALWAYS_SLOW = [".git", ".git/*", "*/.git", "*/.git/*", ".handshake", ".handshake/*"];

/** Options the no-Node rm accepts (exact words); any other word starting with `-` goes to the gate. */
export const RM_FLAGS = ["-f", "-v", "-fv", "-vf", "--force", "--verbose"] as const;
/** sh `case` patterns of operands that go to the gate: empty, options, absolute, `.`/`..` segments, `//`, a trailing `/`. */
export const RM_UNSAFE_OPERANDS = ["", "-*", "/*", "..", "../*", "*/..", "*/../*", ".", "*/.", "*/./*", "*//*", "*/"] as const;

/** The rm fast path's sh `case` patterns: worktree paths in scope, and those that always go to the gate. */
export function rmFastPathPatterns(scope: readonly string[], governance: readonly string[]): { scope: string[]; slow: string[] } {
  return {
    scope: [...new Set(scope.flatMap(scopePatterns))],
    slow: [...new Set([...ALWAYS_SLOW, ...governance.flatMap(governancePatterns)])],
  };
}

export function rmFastPathReplacements(scope: readonly string[], governance: readonly string[]): Record<string, string> {
  const patterns = rmFastPathPatterns(scope, governance);
  return {
    "@RM_FLAGS@": RM_FLAGS.map(shQuote).join("|"),
    "@RM_UNSAFE@": RM_UNSAFE_OPERANDS.map((operand) => (operand === "" ? "''" : pattern(operand))).join("|"),
    "@RM_SCOPE@": patterns.scope.length ? patterns.scope.join("|") : "''",
    "@RM_SLOW@": patterns.slow.join("|"),
  };
}
