// zod schemas for the merge-back artifact files, exported for other tools (import from "hs/src/merge/schemas.ts").
// Strict objects: an unknown field means a different schema version, not something to ignore.
import { z } from "zod";
import { CONFLICT_KINDS } from "./conflict-kinds.ts";
import { VIOLATION_CODES } from "./validate.ts";
import { PATCH_FORMATS } from "./patch.ts";

const oid = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/).describe("a full git object id");
const sha256 = z.string().regex(/^[0-9a-f]{64}$/).describe("sha256 of the file's exact bytes, hex");
const eventId = z.union([z.string(), z.number()]).describe("Flight Recorder event id");

export const SideBlobSchema = z
  .strictObject({ mode: z.string().describe("git file mode, e.g. 100644, 120000, 160000"), oid: oid.describe("blob (or gitlink commit) id") })
  .nullable()
  .describe("one side of a conflict; null when the path does not exist on that side");

export const ChangedFileSchema = z.strictObject({
  path: z.string().describe("path relative to the repository root, after the change"),
  status: z.enum(["A", "M", "D", "R", "C", "T"]).describe("git diff status letter (R/C: rename/copy from old_path)"),
  old_path: z.string().nullable().describe("source path of a rename or copy, else null"),
  old_mode: z.string().describe("mode at the base (000000 when added)"),
  new_mode: z.string().describe("mode at the head (000000 when deleted)"),
  old_blob: oid.describe("blob id at the base (zeros when added)"),
  new_blob: oid.describe("blob id at the head (zeros when deleted)"),
});

export const ProvenanceSchema = z.strictObject({
  schema: z.literal("hs.provenance@1").describe("schema id of this file"),
  hs_version: z.string().describe("version of hs that wrote the artifact"),
  created_at: z.string().describe("ISO-8601 time the artifact was written"),
  workspace_id: z.string().describe("workspace the session belongs to"),
  session: z
    .strictObject({
      id: z.string().describe("session id"),
      parent: z.string().nullable().describe("parent session id for spawned sessions"),
      wp_id: z.string().nullable().describe("work package id"),
      mt_id: z.string().nullable().describe("micro-task id"),
      role: z.string().describe("coder | validator | human"),
      agent: z.string().nullable().describe("agent label"),
      model: z.string().nullable().describe("model label"),
      scope: z.array(z.string()).describe("IN_SCOPE_PATHS globs"),
      isolation: z.string().describe("worktree | lock"),
      degraded: z.boolean().describe("true when the session ran without the sandbox under a waiver"),
    })
    .describe("who did the work"),
  git: z
    .strictObject({
      target_ref: z.string().describe("full ref name the work goes into"),
      target_oid: oid.describe("target commit when the artifact was written"),
      base: oid.describe("base commit recorded when the session was created"),
      head: oid.describe("session branch head"),
      head_tree: oid.describe("tree of head; applying the patch on base must reproduce it"),
      merge_base: oid.describe("merge-base of target and head"),
      commits: z.array(z.strictObject({ oid, subject: z.string() })).describe("commits in base..head, oldest first"),
    })
    .describe("the commits involved"),
  files: z.array(ChangedFileSchema).describe("every path changed in base..head"),
  patch: z
    .strictObject({
      file: z.string().describe("file name inside the artifact directory"),
      sha256,
      bytes: z.number().int().nonnegative(),
      format: z.enum(PATCH_FORMATS).describe("both apply with git am on base; the combined form is used when base..head has merge commits"),
    })
    .describe("the portable patch"),
  conflicts: z
    .strictObject({ file: z.string(), sha256, count: z.number().int().positive() })
    .nullable()
    .describe("conflicts.json when merge-tree reported conflicts, else null"),
  approvals: z
    .array(
      z.strictObject({
        event_id: eventId,
        type: z.enum(["approval.decided", "grant.used"]).describe("FR event type"),
        ts: z.string().describe("event time"),
        payload: z.record(z.string(), z.unknown()).describe("the event payload as recorded"),
      }),
    )
    .describe("approvals decided for and grants used by this session"),
  validation: z
    .strictObject({
      violations: z
        .array(
          z.strictObject({
            code: z.enum(VIOLATION_CODES).describe("stable violation code"),
            path: z.string().nullable().describe("offending path, null for history violations"),
            commit: z.string().nullable().describe("commit that touched the path, when known"),
            message: z.string(),
          }),
        )
        .describe("re-validation findings; any entry blocks the merge-back"),
    })
    .describe("host-side re-validation of every change (scope, governance, locks, base)"),
  fr_range: z
    .strictObject({ first: eventId.nullable(), last: eventId.nullable(), count: z.number().int().nonnegative() })
    .describe("range of this session's Flight Recorder events when the artifact was written"),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const HunkSchema = z.strictObject({
  start_line: z.number().int().positive().describe("1-based line of the <<<<<<< marker in the merged file"),
  ours: z.string().describe("target side text"),
  base: z.string().nullable().describe("common ancestor text (diff3 style), null if git did not print it"),
  theirs: z.string().describe("session side text"),
});

export const ConflictEntrySchema = z.strictObject({
  path: z.string().describe("conflicted path as merge-tree reports it"),
  kind: z.enum(CONFLICT_KINDS).describe("conflict kind"),
  base: SideBlobSchema,
  ours: SideBlobSchema.describe("target side (stage 2)"),
  theirs: SideBlobSchema.describe("session side (stage 3)"),
  related_paths: z.array(z.string()).describe("other paths in the same conflict (rename source/targets, d~ours)"),
  messages: z.array(z.string()).describe("git's messages for this path"),
  hunks: z.array(HunkSchema).nullable().describe("conflicting hunks for text files; null for binary or non-content kinds"),
  other_sessions: z.array(z.string()).describe("other active sessions whose changes also touch this path"),
});

export const ConflictsSchema = z.strictObject({
  schema: z.literal("hs.conflicts@1").describe("schema id of this file"),
  created_at: z.string(),
  session_id: z.string(),
  target_ref: z.string(),
  target_oid: oid,
  head: oid.describe("session head"),
  merge_base: oid,
  merge_tree: oid.describe("tree written by merge-tree (with conflict markers)"),
  conflicts: z.array(ConflictEntrySchema).min(1),
});
export type ConflictsReport = z.infer<typeof ConflictsSchema>;
export type ConflictEntry = z.infer<typeof ConflictEntrySchema>;
