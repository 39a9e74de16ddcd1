// Builds conflicts.json from merge-tree's result: hunks from the marker-annotated tree, and other sessions on the same paths.
import type { Workspace } from "../registry/workspace.ts";
import { isLive, listSessions } from "../registry/sessions.ts";
import { hostGit, splitZ, type HostGit } from "./git.ts";
import { extractHunks, looksBinary } from "./hunks.ts";
import type { MergeFacts } from "./collect.ts";
import { revParse, sessionHeadRef } from "./collect.ts";
import type { ConflictsReport } from "./schemas.ts";

/** Reads many blobs in one `cat-file --batch` process. Missing objects map to null. */
export function readBlobs(git: HostGit, specs: string[]): Map<string, Buffer | null> {
  const out = new Map<string, Buffer | null>();
  if (!specs.length) return out;
  const { stdout } = git.buffer(["cat-file", "--batch"], specs.join("\n") + "\n");
  let offset = 0;
  for (const spec of specs) {
    const newline = stdout.indexOf(10, offset);
    const header = stdout.subarray(offset, newline).toString("utf8");
    offset = newline + 1;
    const size = / (\d+)$/.exec(header);
    if (header.endsWith(" missing") || header.endsWith(" ambiguous") || !size) {
      out.set(spec, null);
      continue;
    }
    out.set(spec, stdout.subarray(offset, offset + Number(size[1])));
    offset += Number(size[1]) + 1;
  }
  return out;
}

const TEXT_KINDS = new Set(["content", "add/add"]);

/** Paths each other live session changed since its base (for "who else touches this file"). */
function otherSessionPaths(ws: Workspace, git: HostGit, exceptId: string): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const other of listSessions(ws)) {
    if (other.id === exceptId || !isLive(other.state) || !other.branch) continue;
    const head = revParse(git, sessionHeadRef(other));
    if (!head || !other.baseRev) continue;
    const paths = new Set(splitZ(git.ok(["diff", "--no-ext-diff", "-z", "--no-renames", "--name-only", other.baseRev, head])));
    result.set(other.id, paths);
  }
  return result;
}

export function buildConflictsReport(ws: Workspace, facts: MergeFacts, now: string): ConflictsReport {
  const git = hostGit(ws.loc.mainRoot);
  const tree = facts.mergeTree.tree;
  const textual = facts.conflicts.filter((conflict) => TEXT_KINDS.has(conflict.kind));
  const blobs = readBlobs(git, textual.map((conflict) => `${tree}:${conflict.path}`));
  const others = otherSessionPaths(ws, git, facts.session.id);
  return {
    schema: "hs.conflicts@1",
    created_at: now,
    session_id: facts.session.id,
    target_ref: facts.targetRef,
    target_oid: facts.targetOid,
    head: facts.head,
    merge_base: facts.mergeBase,
    merge_tree: tree,
    conflicts: facts.conflicts.map((conflict) => {
      const blob = TEXT_KINDS.has(conflict.kind) ? blobs.get(`${tree}:${conflict.path}`) : null;
      const hunks = blob && !looksBinary(blob) ? extractHunks(blob.toString("utf8")) : null;
      const touched = [conflict.path, ...conflict.relatedPaths];
      const otherSessions = [...others].filter(([, paths]) => touched.some((path) => paths.has(path))).map(([id]) => id);
      return {
        path: conflict.path,
        kind: conflict.kind,
        base: conflict.base,
        ours: conflict.ours,
        theirs: conflict.theirs,
        related_paths: conflict.relatedPaths,
        messages: conflict.messages,
        hunks,
        other_sessions: otherSessions,
      };
    }),
  };
}
