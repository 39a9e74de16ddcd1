// reindexArtifacts (for hs rebuild): merge_back_artifacts is recreated from .handshake/artifacts and the trailers in git.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";
import { openWorkspace } from "../../src/registry/workspace.ts";
import { closeCachedRecorders } from "../../src/registry/flight-recorder.ts";
import { reindexArtifacts } from "../../src/merge/reindex.ts";

let ws: MergeWorkspace;
afterEach(() => {
  closeCachedRecorders();
  ws?.cleanup();
});

describe("reindexArtifacts", () => {
  it("restores every row with its status (prepared, blocked, applied) after the index is wiped", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a");
    const b = ws.session("b");
    ws.commit(a, { "src/app.ts": "a\n" }, "a");
    ws.commit(b, { "src/app.ts": "b\n" }, "b");
    expect(ws.hs(["merge-back", "a"]).code).toBe(0);
    expect(ws.hs(["merge-back", "a", "--apply"]).code).toBe(0);
    expect(ws.hs(["merge-back", "b"]).code).toBe(3);
    const workspace = openWorkspace(ws.repo.root);
    try {
      const rows = () => workspace.db.prepare("SELECT session_id, status, applied_commit, provenance_sha256 FROM merge_back_artifacts ORDER BY created_at").all();
      const before = rows();
      expect(before.map((row: any) => `${row.session_id}:${row.status}`)).toEqual(["a:prepared", "a:applied", "b:blocked"]);
      workspace.db.prepare("DELETE FROM merge_back_artifacts").run();
      expect(reindexArtifacts(workspace)).toEqual({ indexed: 3, skipped: [] });
      expect(rows()).toEqual(before);
    } finally {
      workspace.close();
    }
  });

  it("is not thrown off by a session branch whose commit is only in the session's private store", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a");
    ws.commit(a, { "src/app.ts": "a\n" }, "a");
    expect(ws.hs(["merge-back", "a"]).code).toBe(0);
    expect(ws.hs(["merge-back", "a", "--apply"]).code).toBe(0);
    // What a commit made inside the sandbox looks like from the shared store: a branch naming an unknown object.
    ws.session("b");
    fs.writeFileSync(path.join(ws.repo.root, ".git", "refs", "heads", "hs", "b", "work"), `${"ab".repeat(20)}\n`);
    const workspace = openWorkspace(ws.repo.root);
    try {
      workspace.db.prepare("DELETE FROM merge_back_artifacts").run();
      expect(reindexArtifacts(workspace)).toEqual({ indexed: 2, skipped: [] });
      const statuses = workspace.db.prepare("SELECT status FROM merge_back_artifacts ORDER BY created_at").all();
      expect(statuses.map((row: any) => row.status)).toEqual(["prepared", "applied"]);
    } finally {
      workspace.close();
    }
  });
});
