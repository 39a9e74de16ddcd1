// hs rebuild as an operation: the operator's only. The old index is set aside (never deleted) before the
// workspace is opened, so the check comes first; a session's attempt is recorded like every refusal.
import fs from "node:fs";
import { HsError } from "../errors.ts";
import type { RepoLocation } from "../registry/locate.ts";
import { indexPath, openWorkspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { rebuildIndex, type RebuildReport } from "./rebuild.ts";
import { rebuildWork, type WorkRebuild } from "../work/rebuild.ts";

export function rebuildOp(loc: RepoLocation, actor: Actor, input: { force: boolean }): RebuildReport & { work: WorkRebuild; index: string } {
  const verb = `rebuild${input.force ? " --force" : ""}`;
  if (actor.kind === "session") {
    const ws = openWorkspace(loc.mainRoot);
    try {
      authorize(ws, actor, verb, { who: "operator" });
    } finally {
      ws.close();
    }
  }
  const index = indexPath(loc.handshakeDir);
  if (fs.existsSync(index)) {
    if (!input.force) throw new HsError("HS-USAGE", `${index} exists; rebuild only replaces it on request`, { hint: "hs rebuild --force   # the current index is kept as devcc.db.bak-TIME" });
    const backup = `${index}.bak-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(index, backup);
    for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(index + suffix)) fs.renameSync(index + suffix, backup + suffix);
  }
  const ws = openWorkspace(loc.mainRoot, { createIndex: true });
  try {
    return { ...rebuildIndex(ws), work: rebuildWork(ws), index };
  } finally {
    ws.close();
  }
}
