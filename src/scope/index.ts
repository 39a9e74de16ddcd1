// IN_SCOPE_PATHS: validation, matching, governance paths, overlap and containment of glob sets.
export { DEFAULT_GOVERNANCE, createGovernanceMatcher, foldPath, isGovernancePath } from "./governance.ts";
export { createPathMatcher, isInScope } from "./matcher.ts";
export { scopesMayOverlap, type OverlapResult } from "./overlap.ts";
export { relativeToRoot } from "./relative.ts";
export { validateScopeGlob, type GlobValidation } from "./validate.ts";
export { scopeIsWithin, type WithinResult } from "./within.ts";
