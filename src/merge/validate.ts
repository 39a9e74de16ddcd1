// Pure re-validation of a session's changes before they may reach the target.
// Predicates come from src/scope and the lock table; this file only decides.
export const VIOLATION_CODES = ["HS-MERGE-SCOPE", "HS-MERGE-GOVERNANCE", "HS-MERGE-LOCKED", "HS-MERGE-BASE", "HS-MERGE-GITLINK"] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface Violation {
  code: ViolationCode;
  path: string | null;
  /** Commit that touched the path, when known. */
  commit: string | null;
  message: string;
}

export interface TouchedPath {
  path: string;
  commit: string | null;
}

export interface ValidationInput {
  touched: TouchedPath[];
  inScope: (path: string) => boolean;
  isGovernance: (path: string) => boolean;
  /** Id of another active session holding a lock that covers the path, if any. */
  lockedBy: (path: string) => string | undefined;
  baseIsAncestor: boolean;
  base: string;
}

export function validateChanges(input: ValidationInput): Violation[] {
  const violations: Violation[] = [];
  if (!input.baseIsAncestor) {
    violations.push({
      code: "HS-MERGE-BASE",
      path: null,
      commit: null,
      message: `session history does not extend its recorded base ${input.base.slice(0, 12)} (rewritten or replaced history)`,
    });
  }
  const seen = new Set<string>();
  for (const { path, commit } of input.touched) {
    if (seen.has(path)) continue;
    seen.add(path);
    const at = commit ? ` (commit ${commit.slice(0, 12)})` : "";
    if (input.isGovernance(path)) violations.push({ code: "HS-MERGE-GOVERNANCE", path, commit, message: `${path} is a governance path${at}` });
    else if (!input.inScope(path)) violations.push({ code: "HS-MERGE-SCOPE", path, commit, message: `${path} is outside the session scope${at}` });
    const holder = input.lockedBy(path);
    if (holder) violations.push({ code: "HS-MERGE-LOCKED", path, commit, message: `${path} is locked by active session ${holder}${at}` });
  }
  return violations;
}

/** A gitlink (mode 160000) in the session's changes is a nested repository: never merged, never entered. */
export function gitlinkViolations(files: ReadonlyArray<{ path: string; new_mode: string; status: string }>): Violation[] {
  return files
    .filter((file) => file.new_mode === "160000" && file.status !== "D")
    .map((file) => ({ code: "HS-MERGE-GITLINK" as const, path: file.path, commit: null, message: `${file.path} is a gitlink (nested repository); hs does not merge or enter it` }));
}
