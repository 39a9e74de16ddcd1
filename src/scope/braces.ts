/** Largest brace expansion a scope glob may have; validation and the overlap model agree on it. */
export const MAX_BRACE_EXPANSIONS = 256;

/**
 * True when a `**` sits inside a brace group. micromatch compiles braces to a regex alternation, not
 * to an expansion, and there `**` loses its globstar meaning: `{a/**,b}` does not match `a`,
 * `a/{**,x}` does not match `a`, although their expansions do.
 */
export function globstarInsideBraces(glob: string): boolean {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "{") depth++;
    else if (ch === "}") depth = Math.max(0, depth - 1);
    else if (ch === "*" && depth > 0 && glob[i + 1] === "*") return true;
  }
  return false;
}
