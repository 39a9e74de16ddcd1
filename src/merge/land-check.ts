// Before the target moves: re-derive what will land from verified objects and refuse unless it is exactly what the
// artifact shows (the patch reproduces the head tree, and the new commit changes only the artifact's files, with
// the artifact's blobs). HS-MERGE-APPLY-MISMATCH (exit 3); nothing is moved.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { createPathMatcher, isGovernancePath } from "../scope/index.ts";
import { splitZ, type HostGit } from "./git.ts";
import type { MergeFacts } from "./collect.ts";
import type { WrittenArtifact } from "./artifact.ts";
import { verifyArtifact } from "./verify.ts";
import { landingMismatches, parseLanded } from "./landing.ts";
import { shellQuote } from "../install/render.ts";

export function assertLandsAsShown(ws: Workspace, git: HostGit, facts: MergeFacts, artifact: WrittenArtifact, next: string): void {
  const problems: string[] = [];
  const verified = verifyArtifact(artifact.dir, ws.loc.mainRoot);
  for (const check of verified.checks.filter((c) => !c.ok)) problems.push(`artifact ${check.check}: ${check.detail}`);
  const headTree = git.ok(["rev-parse", `${facts.head}^{tree}`]).trim();
  if (headTree !== artifact.provenance.git.head_tree) problems.push(`session head tree is ${headTree}, the artifact shows ${artifact.provenance.git.head_tree}`);
  const landed = parseLanded(splitZ(git.ok(["diff-tree", "-r", "-z", "--no-renames", "--no-abbrev", facts.targetOid, next])));
  const targetChanged = new Set(facts.base === facts.targetOid ? [] : splitZ(git.ok(["diff-tree", "-r", "-z", "--no-renames", "--name-only", facts.base, facts.targetOid])));
  const inScope = createPathMatcher(facts.session.scope);
  problems.push(
    ...landingMismatches({
      landed,
      artifactFiles: artifact.provenance.files,
      targetChanged,
      refused: (path) => (isGovernancePath(path, ws.config.governance_paths) ? "a governance path" : inScope(path) ? null : "outside the session scope"),
    }),
  );
  if (!problems.length) return;
  throw new HsError("HS-MERGE-APPLY-MISMATCH", `merge-back ${facts.session.id}: the commit to land is not what artifact ${artifact.name} shows; nothing was moved:\n  ${problems.slice(0, 20).join("\n  ")}`, {
    hint: `hs merge-back verify ${shellQuote(artifact.dir)}   (then: hs doctor)`,
    details: { artifact: artifact.name, problems },
  });
}
