// Pure: does the commit about to land change the target exactly as the artifact shows? Every path that differs
// between the target and the new commit must be one the artifact lists; where the target did not touch the path
// since the base, the landed blob and mode must be the artifact's; and no landed path may be refused by policy.
import type { FileChange } from "./history.ts";

export interface LandedPath {
  path: string;
  /** null when the new commit deletes the path. */
  blob: string | null;
  mode: string | null;
}

export interface LandingInput {
  /** `diff-tree -r --no-renames target next`. */
  landed: readonly LandedPath[];
  /** The artifact's provenance.files. */
  artifactFiles: readonly FileChange[];
  /** Paths the target changed since the base (there the landed content is a merge of both sides). */
  targetChanged: ReadonlySet<string>;
  /** A policy refusal for the path (governance, scope, lock, gitlink), or null. */
  refused: (path: string) => string | null;
}

export function landingMismatches(input: LandingInput): string[] {
  const expected = new Map<string, { blob: string | null; mode: string | null }>();
  for (const file of input.artifactFiles) {
    if (file.old_path && file.status === "R") expected.set(file.old_path, { blob: null, mode: null });
    expected.set(file.path, file.status === "D" ? { blob: null, mode: null } : { blob: file.new_blob, mode: file.new_mode });
  }
  const problems: string[] = [];
  for (const landed of input.landed) {
    const refusal = input.refused(landed.path);
    if (refusal) problems.push(`${landed.path}: ${refusal}`);
    const want = expected.get(landed.path);
    if (!want) {
      problems.push(`${landed.path}: changed by the commit but not in the artifact`);
      continue;
    }
    if (input.targetChanged.has(landed.path)) continue;
    if (want.blob !== landed.blob || (want.blob !== null && want.mode !== landed.mode)) {
      problems.push(`${landed.path}: lands ${landed.blob ?? "(deleted)"} ${landed.mode ?? ""}, the artifact shows ${want.blob ?? "(deleted)"} ${want.mode ?? ""}`.trim());
    }
  }
  return problems;
}

/** Pure: `diff-tree -r -z --no-renames --no-abbrev A B` fields -> landed paths in B. */
export function parseLanded(fields: readonly string[]): LandedPath[] {
  const out: LandedPath[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [, newMode, , newBlob, status] = (fields[index] as string).replace(/^:/, "").split(" ") as [string, string, string, string, string];
    const deleted = status.startsWith("D");
    out.push({ path: fields[index + 1] as string, blob: deleted ? null : newBlob, mode: deleted ? null : newMode });
  }
  return out;
}
