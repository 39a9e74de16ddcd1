import { cachedPathMatcher } from "./matcher.ts";

export const DEFAULT_GOVERNANCE: readonly string[] = [".handshake/gov/**", ".GOV/**"];

/** True when the path lies inside one of the governance globs (same matching rules as scopes). */
export function isGovernancePath(relativePath: string, governance: readonly string[]): boolean {
  return cachedPathMatcher(governance)(relativePath);
}
