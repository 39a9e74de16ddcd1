// Reading checkpoint trees and blobs back from the shared store (objects the host wrote itself).
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv, runGitSyncBuffer, gitFailure } from "../git/index.ts";
import type { TreeEntry } from "./tree.ts";

function gitBuffer(store: string, args: string[], input?: string): Buffer {
  const request = { args: [...NEUTRAL_CONFIG_ARGS, `--git-dir=${store}`, ...args], cwd: store, env: neutralGitEnv(), input };
  const result = runGitSyncBuffer(request);
  if (result.code !== 0) throw gitFailure(request, result);
  return result.stdout;
}

export function flattenTree(store: string, tree: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const line of gitBuffer(store, ["ls-tree", "-r", "-z", "--full-tree", tree]).toString("utf8").split("\0")) {
    if (!line) continue;
    const tab = line.indexOf("\t");
    const [mode = "", , oid = ""] = line.slice(0, tab).split(" ");
    out.push({ mode, oid, path: line.slice(tab + 1) });
  }
  return out;
}

/** Blob contents by id, through one `cat-file --batch`. */
export function readBlobs(store: string, oids: readonly string[]): Map<string, Buffer> {
  const unique = [...new Set(oids)];
  const out = new Map<string, Buffer>();
  if (!unique.length) return out;
  const raw = gitBuffer(store, ["cat-file", "--batch"], unique.join("\n") + "\n");
  let offset = 0;
  while (offset < raw.length) {
    const newline = raw.indexOf(10, offset);
    const [oid = "", type, size] = raw.subarray(offset, newline).toString("latin1").split(" ");
    offset = newline + 1;
    if (type === "missing" || size === undefined) continue;
    out.set(oid, raw.subarray(offset, offset + Number(size)));
    offset += Number(size) + 1;
  }
  return out;
}
