// hs merge-back on real repositories: dry run, artifact, verify, apply (merge, ff, squash), binary, renames.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, sha256, type MergeWorkspace } from "./workspace.ts";
import { ProvenanceSchema } from "../../src/merge/schemas.ts";
import { hs } from "../helpers/hs.ts";
import { closeCachedRecorders, recordEvent } from "../../src/registry/flight-recorder.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

describe("hs merge-back", () => {
  it("dry run writes a verifiable artifact whose patch applies with git am on the base, and moves nothing", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const before = ws.head("main");
    const head = ws.commit(wt, { "src/app.ts": "export const app = 2;\n", "src/new.ts": "new\n" }, "s1: change app");
    const result = ws.hs(["merge-back", "s1"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("CLEAN");
    expect(ws.head("main")).toBe(before);
    const dir = ws.artifactDir(result);
    const provenance = ProvenanceSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "provenance.json"), "utf8")));
    expect(provenance.git).toMatchObject({ base: before, head, target_ref: "refs/heads/main", target_oid: before });
    expect(provenance.files.map((file) => `${file.status} ${file.path}`).sort()).toEqual(["A src/new.ts", "M src/app.ts"]);
    expect(provenance.patch.sha256).toBe(sha256(fs.readFileSync(path.join(dir, "session.patch"))));
    expect(provenance.fr_range.count).toBeGreaterThan(0);
    expect(ws.hs(["merge-back", "verify", dir]).code).toBe(0);
    // git am on the base in a scratch worktree reproduces the session tree
    const scratch = path.join(ws.repo.dir, "scratch");
    ws.repo.git(["worktree", "add", "-q", "--detach", scratch, before]);
    ws.gitIn(scratch, ["-c", "core.hooksPath=/dev/null", "am", "-q", path.join(dir, "session.patch")]);
    expect(ws.gitIn(scratch, ["rev-parse", "HEAD^{tree}"]).trim()).toBe(provenance.git.head_tree);
    const log = ws.hs(["log", "--json"]).stdout;
    expect(log).toContain("merge_back.prepared");
  });

  it("verify fails when provenance is edited (blob ids, recorded hash) or a byte of the patch changes", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "export const app = 3;\n" }, "s1");
    const dir = ws.artifactDir(ws.hs(["merge-back", "s1"]));
    const provenanceFile = path.join(dir, "provenance.json");
    const provenance = JSON.parse(fs.readFileSync(provenanceFile, "utf8"));
    provenance.files[0].new_blob = "0".repeat(40);
    fs.writeFileSync(provenanceFile, JSON.stringify(provenance, null, 2) + "\n");
    const tampered = ws.hs(["merge-back", "verify", dir]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAIL files.blob-ids/);
    expect(tampered.stdout).toMatch(/FAIL provenance.sha256/);
    fs.appendFileSync(path.join(dir, "session.patch"), " ");
    const verify = ws.hs(["merge-back", "verify", dir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/FAIL patch.sha256/);
  });

  it("--apply with the target checked out and clean: merge commit with trailers, checkout updated, session completed", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const head = ws.commit(wt, { "src/app.ts": "export const app = 2;\n" }, "s1: change app");
    ws.repo.write("docs/guide.md", "guide v2\n");
    ws.repo.git(["commit", "-qam", "main moves on"]);
    const old = ws.head("main");
    const result = ws.hs(["merge-back", "s1", "--apply", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const summary = result.json();
    expect(summary.status).toBe("applied");
    const merged = ws.head("main");
    expect(summary.applied).toMatchObject({ old, new: merged, strategy: "merge" });
    expect(ws.repo.git(["rev-parse", `${merged}^1`, `${merged}^2`]).stdout.trim().split("\n")).toEqual([old, head]);
    const message = ws.repo.git(["log", "-1", "--format=%B", merged]).stdout;
    expect(message).toContain("Handshake-Session: s1");
    expect(message).toMatch(/Handshake-Artifact: s1-/);
    expect(ws.repo.read("src/app.ts")).toBe("export const app = 2;\n");
    expect(ws.repo.git(["status", "--porcelain"]).stdout).toBe("");
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).toBe("completed");
    const applied = ws.hs(["log", "--json"]).json<any[]>().find((event) => event.type === "merge_back.applied");
    expect(applied.payload).toMatchObject({ old, new: merged });
  });

  it("--strategy ff moves the target to the session head; ff is refused once the target has diverged", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const head = ws.commit(wt, { "src/app.ts": "export const app = 5;\n" }, "s1");
    const wt2 = ws.session("s2", ["docs/**"]);
    ws.repo.git(["checkout", "-q", "--detach"]);
    const result = ws.hs(["merge-back", "s1", "--apply", "--strategy", "ff"]);
    expect(result.code, result.stderr).toBe(0);
    expect(ws.head("main")).toBe(head);

    ws.commit(wt2, { "docs/guide.md": "g2\n" }, "s2");
    ws.repo.git(["update-ref", "refs/heads/main", ws.repo.git(["commit-tree", `${head}^{tree}`, "-p", head, "-m", "diverge"]).stdout.trim()]);
    const refused = ws.hs(["merge-back", "s2", "--apply", "--strategy", "ff"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("HS-MERGE-NOT-FF");
  });

  it("--strategy squash makes one single-parent commit with trailers", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/a.ts": "a\n" }, "s1 one");
    const head = ws.commit(wt, { "src/b.ts": "b\n" }, "s1 two");
    const old = ws.head("main");
    const result = ws.hs(["merge-back", "s1", "--apply", "--strategy", "squash"]);
    expect(result.code, result.stderr).toBe(0);
    const squash = ws.head("main");
    expect(ws.repo.git(["rev-list", "--parents", "-1", squash]).stdout.trim().split(" ")).toEqual([squash, old]);
    expect(ws.repo.git(["rev-parse", `${squash}^{tree}`]).stdout).toBe(ws.repo.git(["rev-parse", `${head}^{tree}`]).stdout);
    expect(ws.repo.git(["log", "-1", "--format=%B"]).stdout).toMatch(/- s1 one\n- s1 two\n\nHandshake-Session: s1\n/);
  });

  it("binary files and renames survive the patch and verify", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const binary = Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 13, 0]);
    ws.commit(wt, { "src/logo.bin": binary }, "add binary");
    ws.gitIn(wt, ["mv", "src/app.ts", "src/renamed.ts"]);
    ws.gitIn(wt, ["commit", "-qm", "rename"]);
    const result = ws.hs(["merge-back", "s1"]);
    expect(result.code, result.stderr).toBe(0);
    const dir = ws.artifactDir(result);
    const provenance = JSON.parse(fs.readFileSync(path.join(dir, "provenance.json"), "utf8"));
    expect(provenance.files).toContainEqual(expect.objectContaining({ status: "R", old_path: "src/app.ts", path: "src/renamed.ts" }));
    expect(fs.readFileSync(path.join(dir, "session.patch"), "latin1")).toContain("GIT binary patch");
    expect(ws.hs(["merge-back", "verify", dir]).code).toBe(0);
    expect(ws.hs(["merge-back", "s1", "--apply"]).code).toBe(0);
    expect(fs.readFileSync(path.join(ws.repo.root, "src/logo.bin")).equals(binary)).toBe(true);
    expect(fs.existsSync(path.join(ws.repo.root, "src/renamed.ts"))).toBe(true);
  });

  it("refuses a dirty session worktree, lists the files and commits nothing", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const head = ws.commit(wt, { "src/app.ts": "x\n" }, "s1");
    fs.writeFileSync(path.join(wt, "src/app.ts"), "dirty\n");
    fs.writeFileSync(path.join(wt, "src/untracked.ts"), "u\n");
    const result = ws.hs(["merge-back", "s1"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("HS-MERGE-DIRTY");
    expect(result.stderr).toContain("src/app.ts");
    expect(result.stderr).toContain("src/untracked.ts");
    expect(ws.gitIn(wt, ["rev-parse", "HEAD"]).trim()).toBe(head);
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).not.toBe("blocked");
  });

  it("a session with no commits has nothing to merge back", () => {
    ws = makeMergeWorkspace();
    ws.session("s1");
    const result = ws.hs(["merge-back", "s1", "--json"]);
    expect(result.code).toBe(0);
    expect(result.json().status).toBe("empty");
  });

  it("with merge_back.require_approval, --apply files a gate request and applies only after hs approve (once)", () => {
    ws = makeMergeWorkspace();
    const config = path.join(ws.repo.root, ".handshake", "workspace.json");
    const json = JSON.parse(fs.readFileSync(config, "utf8"));
    fs.writeFileSync(config, JSON.stringify({ ...json, merge_back: { require_approval: true } }, null, 2));
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "approved\n" }, "s1");
    const before = ws.head("main");
    const asked = ws.hs(["merge-back", "s1", "--apply"]);
    expect(asked.code).toBe(77);
    expect(asked.stderr).toContain("HS-MERGE-APPROVAL-REQUIRED");
    expect(ws.head("main")).toBe(before);
    const request = /request (ap-[\w-]+) is pending/.exec(asked.stderr)![1]!;
    expect(ws.hs(["approvals", "--json"]).stdout).toContain(request);
    expect(ws.hs(["approve", request]).code).toBe(0);
    const applied = ws.hs(["merge-back", "s1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(ws.head("main")).not.toBe(before);
  });

  it("--apply is refused inside a session (operator only): from the session worktree and with the session env", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "x\n" }, "s1");
    const before = ws.head("main");
    const fromEnv = ws.hs(["merge-back", "s1", "--apply"], { HS_SESSION_ID: "s1" });
    expect(fromEnv.code).toBe(77);
    expect(fromEnv.stderr).toContain("HS-OPERATOR-ONLY");
    const fromWorktree = hs(["merge-back", "s1", "--apply"], { cwd: wt });
    expect(fromWorktree.code).toBe(77);
    expect(ws.head("main")).toBe(before);
  });

  it("provenance lists the approvals decided and grants used during the session with their Flight Recorder event ids", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "x\n" }, "s1");
    const handshake = path.join(ws.repo.root, ".handshake");
    const decided = recordEvent(handshake, { type: "approval.decided", actor: "human", session_id: "s1", payload: { request_id: "ap-1", decision: "approved", scope: "once" } });
    const used = recordEvent(handshake, { type: "grant.used", actor: "system", session_id: "s1", payload: { grant_id: "gr-1", rule: "git.reset.hard" } });
    recordEvent(handshake, { type: "approval.decided", actor: "human", session_id: "other", payload: { request_id: "ap-2" } });
    closeCachedRecorders();
    const dir = ws.artifactDir(ws.hs(["merge-back", "s1"]));
    const provenance = JSON.parse(fs.readFileSync(path.join(dir, "provenance.json"), "utf8"));
    expect(provenance.approvals.map((a: any) => [a.type, a.event_id, a.payload.request_id ?? a.payload.grant_id])).toEqual([
      ["approval.decided", decided.event_id, "ap-1"],
      ["grant.used", used.event_id, "gr-1"],
    ]);
    expect(provenance.fr_range.last).not.toBeNull();
  });
});
