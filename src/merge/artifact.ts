// Writes the merge-back artifact directory: patch, provenance.json and (with conflicts) conflicts.json + conflicts.md.
// Written into a temporary sibling and renamed, so a reader never sees half an artifact.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { HS_VERSION_STRING } from "./version.ts";
import type { Workspace } from "../registry/workspace.ts";
import { hostGit } from "./git.ts";
import { buildPatch } from "./patch.ts";
import type { MergeFacts } from "./collect.ts";
import { buildConflictsReport } from "./conflict-report.ts";
import { renderConflictsMarkdown } from "./render-conflicts.ts";
import { sessionEvidence } from "./provenance.ts";
import { trace } from "../trace.ts";
import type { ConflictsReport, Provenance } from "./schemas.ts";

export const PATCH_FILE = "session.patch";
export const PROVENANCE_FILE = "provenance.json";
export const CONFLICTS_FILE = "conflicts.json";
export const CONFLICTS_MD = "conflicts.md";

export interface WrittenArtifact {
  dir: string;
  /** Directory name relative to .handshake/artifacts/, used in trailers. */
  name: string;
  patchSha256: string;
  provenanceSha256: string;
  conflictsSha256: string | null;
  provenance: Provenance;
  conflicts: ConflictsReport | null;
}

export const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");

export function artifactsRoot(ws: Workspace): string {
  return path.join(ws.loc.handshakeDir, "artifacts");
}

const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(".", "");

export function writeArtifact(ws: Workspace, facts: MergeFacts, options: { withConflicts: boolean }): WrittenArtifact {
  const now = new Date().toISOString();
  const root = artifactsRoot(ws);
  let name = `${facts.session.id}-${stamp(now)}-${facts.head.slice(0, 8)}`;
  if (fs.existsSync(path.join(root, name))) name += `-${process.pid}`; // two dry runs in the same millisecond
  const dir = path.join(root, name);
  const staging = path.join(root, `.tmp-${name}-${process.pid}`);
  fs.mkdirSync(staging, { recursive: true });
  try {
    const git = hostGit(ws.loc.mainRoot);
    const patch = buildPatch(git, facts.base, facts.head, `hs: combined changes of session ${facts.session.id}`);
    fs.writeFileSync(path.join(staging, PATCH_FILE), patch.bytes);
    trace("patch written");
    let conflicts: ConflictsReport | null = null;
    let conflictsSha256: string | null = null;
    if (options.withConflicts && facts.conflicts.length) {
      conflicts = buildConflictsReport(ws, facts, now);
      const json = JSON.stringify(conflicts, null, 2) + "\n";
      conflictsSha256 = sha256(json);
      fs.writeFileSync(path.join(staging, CONFLICTS_FILE), json);
      fs.writeFileSync(path.join(staging, CONFLICTS_MD), renderConflictsMarkdown(conflicts));
    }
    const session = facts.session;
    const evidence = sessionEvidence(ws.loc.handshakeDir, session.id);
    // Typed against the schema, checked by tests and by `hs merge-back verify`; not re-parsed here, so a dry run
    // does not load zod. Keys in the schema's order.
    const provenance: Provenance = {
      schema: "hs.provenance@1",
      hs_version: HS_VERSION_STRING,
      created_at: now,
      workspace_id: session.workspaceId,
      session: {
        id: session.id,
        parent: session.parent,
        wp_id: session.wp,
        mt_id: session.mt,
        role: session.role,
        agent: session.agent,
        model: session.model,
        scope: session.scope,
        isolation: session.isolation,
        degraded: session.degraded,
      },
      git: {
        target_ref: facts.targetRef,
        target_oid: facts.targetOid,
        base: facts.base,
        head: facts.head,
        head_tree: facts.headTree,
        merge_base: facts.mergeBase,
        commits: facts.commits,
      },
      files: facts.files,
      patch: { file: PATCH_FILE, sha256: sha256(patch.bytes), bytes: patch.bytes.length, format: patch.format },
      conflicts: conflicts && conflictsSha256 ? { file: CONFLICTS_FILE, sha256: conflictsSha256, count: conflicts.conflicts.length } : null,
      approvals: evidence.approvals,
      validation: { violations: facts.violations },
      fr_range: evidence.fr_range,
    };
    trace("provenance built");
    const provenanceJson = JSON.stringify(provenance, null, 2) + "\n";
    fs.writeFileSync(path.join(staging, PROVENANCE_FILE), provenanceJson);
    fs.renameSync(staging, dir);
    return { dir, name, patchSha256: provenance.patch.sha256, provenanceSha256: sha256(provenanceJson), conflictsSha256, provenance, conflicts };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
