// Pure: a checkpoint's metadata, carried in its commit message (one JSON line), so the refs alone are
// the list and nothing else can disagree with it.
import type { TreeEntry } from "./tree.ts";

export interface CheckpointMeta {
  n: number;
  commit: string;
  session_id: string;
  /** The gated command that was about to run, "files changed", "pause", "cancel" or "restore". */
  trigger: string;
  created_at: string;
  head: string | null;
  tree: string;
  index_tree: string;
  files: number;
  new_bytes: number;
  changed: { count: number; paths: string[] };
}

const MAX_LISTED = 50;

export function changedPaths(previous: Record<string, string>, entries: readonly TreeEntry[]): CheckpointMeta["changed"] {
  const now = new Map(entries.map((entry) => [entry.path, `${entry.mode} ${entry.oid}`]));
  const changed: string[] = [];
  for (const [file, value] of now) if (previous[file] !== value) changed.push(file);
  for (const file of Object.keys(previous)) if (!now.has(file)) changed.push(file);
  changed.sort();
  return { count: changed.length, paths: changed.slice(0, MAX_LISTED) };
}

export function checkpointMessage(n: number, meta: Omit<CheckpointMeta, "n" | "commit">): string {
  return `hs checkpoint ${n} of ${meta.session_id}: ${(meta.trigger.split("\n")[0] ?? "").slice(0, 72)}\n\n${JSON.stringify({ ...meta, n })}\n`;
}

export function parseCheckpointMessage(commit: string, body: string): CheckpointMeta | undefined {
  const line = body.split("\n").find((text) => text.startsWith("{"));
  if (!line) return undefined;
  try {
    const meta = JSON.parse(line) as CheckpointMeta;
    return typeof meta.n === "number" && typeof meta.tree === "string" ? { ...meta, commit } : undefined;
  } catch {
    return undefined;
  }
}
