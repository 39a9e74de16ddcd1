// Classifies each conflicted path into one of the closed conflict kinds from merge-tree's stages and messages.
import type { MergeMessage, MergeTreeResult, StageEntry } from "./merge-tree-parse.ts";

export const CONFLICT_KINDS = [
  "content",
  "add/add",
  "modify/delete",
  "rename/delete",
  "rename/rename",
  "directory/file",
  "binary",
  "submodule",
  "mode",
  "other",
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface SideBlob {
  mode: string;
  oid: string;
}

export interface ClassifiedConflict {
  path: string;
  kind: ConflictKind;
  base: SideBlob | null;
  ours: SideBlob | null;
  theirs: SideBlob | null;
  /** Other paths named in the same conflict messages (rename sources/targets, d~ours). */
  relatedPaths: string[];
  messages: string[];
}

// Message types that decide the kind on their own, most specific first.
const TYPE_RULES: Array<[RegExp, ConflictKind]> = [
  [/submodule/i, "submodule"],
  [/rename\/rename|rename involved in collision|directory rename/i, "rename/rename"],
  [/rename\/delete/i, "rename/delete"],
  [/file\/directory|file in way/i, "directory/file"],
  [/modify\/delete/i, "modify/delete"],
  [/distinct modes/i, "mode"],
  [/\(binary\)/i, "binary"],
];

function kindFromMessages(messages: MergeMessage[]): ConflictKind | undefined {
  for (const [pattern, kind] of TYPE_RULES) if (messages.some((message) => pattern.test(message.type))) return kind;
  return undefined;
}

function kindFromStages(base: SideBlob | null, ours: SideBlob | null, theirs: SideBlob | null): ConflictKind {
  if ([base, ours, theirs].some((side) => side?.mode === "160000")) return "submodule";
  if (ours && theirs && ours.oid === theirs.oid && ours.mode !== theirs.mode) return "mode";
  if (!base && ours && theirs) return "add/add";
  if (base && (!ours || !theirs)) return "modify/delete";
  return "content";
}

function side(entries: StageEntry[], stage: 1 | 2 | 3): SideBlob | null {
  const entry = entries.find((candidate) => candidate.stage === stage);
  return entry ? { mode: entry.mode, oid: entry.oid } : null;
}

export function classifyConflicts(result: MergeTreeResult): ClassifiedConflict[] {
  return result.conflictedPaths.map((path) => {
    const entries = result.entries.filter((entry) => entry.path === path);
    const messages = result.messages.filter((message) => message.paths.includes(path) && message.type !== "Auto-merging");
    const base = side(entries, 1);
    const ours = side(entries, 2);
    const theirs = side(entries, 3);
    const kind = kindFromMessages(messages) ?? kindFromStages(base, ours, theirs);
    const relatedPaths = [...new Set(messages.flatMap((message) => message.paths))].filter((other) => other !== path);
    return { path, kind, base, ours, theirs, relatedPaths, messages: messages.map((message) => message.text) };
  });
}
