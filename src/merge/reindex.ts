// Rebuilds merge_back_artifacts from the artifact store (for hs rebuild): the files are the authority, the rows an index.
// An artifact counts as applied when a commit on a local branch (not a session branch) carries its Handshake-Artifact trailer.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { immediate } from "../registry/sqlite.ts";
import { hostGit, splitZ } from "./git.ts";
import { artifactsRoot, CONFLICTS_FILE, PROVENANCE_FILE, sha256 } from "./artifact.ts";
import { ProvenanceSchema } from "./schemas.ts";

export function appliedArtifacts(ws: Workspace): Map<string, string> {
  // Merge-back lands on target branches, never on a session's own: those may point at commits still in the
  // session's private store (it committed inside the sandbox), which the shared store cannot read.
  const out = git(ws).ok(["log", "-z", "--exclude=hs/*", "--branches", "--format=%H%x01%(trailers:key=Handshake-Artifact,valueonly,separator=%x02)", "--grep=^Handshake-Artifact: "]);
  const applied = new Map<string, string>();
  for (const record of splitZ(out)) {
    const [commit, names] = record.replace(/^\n/, "").split("\x01") as [string, string | undefined];
    for (const name of (names ?? "").split("\x02").map((value) => value.trim()).filter(Boolean)) applied.set(name, commit);
  }
  return applied;
}

const git = (ws: Workspace) => hostGit(ws.loc.mainRoot);

export function reindexArtifacts(ws: Workspace): { indexed: number; skipped: string[] } {
  const root = artifactsRoot(ws);
  const names = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => !name.startsWith(".")) : [];
  const applied = appliedArtifacts(ws);
  const skipped: string[] = [];
  let indexed = 0;
  immediate(ws.db, () => {
    for (const name of names) {
      const dir = path.join(root, name);
      const file = path.join(dir, PROVENANCE_FILE);
      const parsed = fs.existsSync(file) ? ProvenanceSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8"))) : undefined;
      if (!parsed?.success) {
        skipped.push(name);
        continue;
      }
      const p = parsed.data;
      const blocked = p.validation.violations.length > 0 || p.conflicts !== null;
      const commit = applied.get(name) ?? null;
      ws.db
        .prepare(
          `INSERT OR REPLACE INTO merge_back_artifacts (artifact_name, session_id, dir, status, target_ref, target_oid, base_rev, head_rev,
             patch_sha256, provenance_sha256, conflicts_sha256, applied_commit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(name, p.session.id, dir, commit ? "applied" : blocked ? "blocked" : "prepared", p.git.target_ref, p.git.target_oid, p.git.base, p.git.head,
          p.patch.sha256, sha256(fs.readFileSync(file)), p.conflicts ? sha256(fs.readFileSync(path.join(dir, CONFLICTS_FILE))) : null, commit, p.created_at);
      indexed += 1;
    }
  });
  return { indexed, skipped };
}
