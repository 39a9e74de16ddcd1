// merge-back blocks (exit 3, session -> blocked) on every conflict kind and on changes that slipped past the hooks.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeMergeWorkspace, sha256, type MergeWorkspace } from "./workspace.ts";
import { ConflictsSchema } from "../../src/merge/schemas.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

const lines = (tag: string) => Array.from({ length: 8 }, (_, index) => `${tag} line ${index + 1}`).join("\n") + "\n";
const GITLINK = (digit: string) => digit.repeat(40);

describe("conflicts", () => {
  it("a content conflict writes conflicts.json/md with hunks and other sessions, blocks the session, exits 3", () => {
    ws = makeMergeWorkspace();
    ws.repo.write("src/shared.ts", "one\ntwo\nthree\n");
    ws.repo.git(["add", "-A"]);
    ws.repo.git(["commit", "-qm", "shared"]);
    const wt = ws.session("s1");
    const wt2 = ws.session("s2");
    ws.commit(wt, { "src/shared.ts": "one\nSESSION\nthree\n" }, "s1 edits shared");
    ws.commit(wt2, { "src/shared.ts": "one\nS2\nthree\n" }, "s2 edits shared too");
    ws.repo.write("src/shared.ts", "one\nTARGET\nthree\n");
    ws.repo.git(["commit", "-qam", "main edits shared"]);
    const before = ws.head("main");
    const result = ws.hs(["merge-back", "s1", "--apply"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/CONFLICT content\s+src\/shared.ts/);
    expect(ws.head("main")).toBe(before);
    const dir = ws.artifactDir(result);
    const json = fs.readFileSync(path.join(dir, "conflicts.json"));
    const report = ConflictsSchema.parse(JSON.parse(json.toString()));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ path: "src/shared.ts", kind: "content", other_sessions: ["s2"] });
    expect(report.conflicts[0]?.hunks).toEqual([{ start_line: 2, ours: "TARGET\n", base: "two\n", theirs: "SESSION\n" }]);
    const md = fs.readFileSync(path.join(dir, "conflicts.md"), "utf8");
    expect(md).toContain("src/shared.ts");
    expect(md).toContain("TARGET");
    expect(md).toContain("SESSION");
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).toBe("blocked");
    const blocked = ws.hs(["log", "--json"]).json<any[]>().find((event) => event.type === "merge_back.blocked");
    expect(blocked.payload.report_sha256).toBe(sha256(json));
    expect(ws.hs(["merge-back", "verify", dir]).code).toBe(0);
  });

});

describe("every conflict kind on a real repository (one workspace, one session per kind)", () => {
  const kinds = ["content", "add/add", "modify/delete", "rename/delete", "rename/rename", "directory/file", "binary", "submodule", "mode"] as const;
  let kw: MergeWorkspace;
  beforeAll(() => {
    kw = makeMergeWorkspace();
    const r = kw.repo;
    r.write("src/content.txt", "1\n2\n3\n");
    r.write("src/moddel.txt", lines("moddel"));
    r.write("src/rendel.txt", lines("rendel"));
    r.write("src/renren.txt", lines("renren"));
    fs.writeFileSync(path.join(r.root, "src/bin.bin"), Buffer.from([0, 1, 2, 3, 0, 9]));
    fs.mkdirSync(path.join(r.root, "src/sub"));
    r.git(["add", "-A"]);
    r.git(["update-index", "--add", "--cacheinfo", `160000,${GITLINK("1")},src/sub`]);
    r.git(["commit", "-qm", "fixtures"]);
    const sessionSide: Record<(typeof kinds)[number], (wt: string) => unknown> = {
      content: (wt) => kw.commit(wt, { "src/content.txt": "1\nS\n3\n" }, "content"),
      "add/add": (wt) => kw.commit(wt, { "src/added.txt": "session\n" }, "add"),
      "modify/delete": (wt) => kw.commit(wt, { "src/moddel.txt": lines("moddel") + "more\n" }, "modify"),
      "rename/delete": (wt) => (kw.gitIn(wt, ["mv", "src/rendel.txt", "src/rendel-new.txt"]), kw.gitIn(wt, ["commit", "-qm", "rename"])),
      "rename/rename": (wt) => (kw.gitIn(wt, ["mv", "src/renren.txt", "src/renren-session.txt"]), kw.gitIn(wt, ["commit", "-qm", "rename"])),
      "directory/file": (wt) => kw.commit(wt, { "src/dirfile/x.txt": "x\n" }, "dir"),
      binary: (wt) => kw.commit(wt, { "src/bin.bin": Buffer.from([0, 1, 2, 3, 0, 7, 7]) }, "binary"),
      submodule: (wt) => (kw.gitIn(wt, ["update-index", "--cacheinfo", `160000,${GITLINK("3")},src/sub`]), kw.gitIn(wt, ["commit", "-qm", "sub"])),
      mode: (wt) => kw.commit(wt, { "src/mode.sh": "echo same\n" }, "mode"),
    };
    kinds.forEach((kind, index) => sessionSide[kind](kw.session(`k${index}`)));
    // the target's side of every conflict, in one commit
    r.write("src/content.txt", "1\nM\n3\n");
    r.write("src/added.txt", "main\n");
    r.git(["rm", "-q", "src/moddel.txt", "src/rendel.txt"]);
    r.git(["mv", "src/renren.txt", "src/renren-main.txt"]);
    r.write("src/dirfile", "file\n");
    fs.writeFileSync(path.join(r.root, "src/bin.bin"), Buffer.from([0, 1, 2, 3, 0, 8, 8]));
    r.write("src/mode.sh", "echo same\n");
    fs.chmodSync(path.join(r.root, "src/mode.sh"), 0o755);
    r.git(["add", "-A"]);
    r.git(["update-index", "--cacheinfo", `160000,${GITLINK("2")},src/sub`]);
    r.git(["commit", "-qm", "target side"]);
  }, 120_000);
  afterAll(() => kw?.cleanup());

  it.each(kinds.map((kind, index) => ({ kind, id: `k${index}` })))("$kind", ({ kind, id }) => {
    const result = kw.hs(["merge-back", id]);
    expect(result.code, `${kind}: ${result.stdout}${result.stderr}`).toBe(3);
    const report = ConflictsSchema.parse(JSON.parse(fs.readFileSync(path.join(kw.artifactDir(result), "conflicts.json"), "utf8")));
    expect(report.conflicts.map((conflict) => conflict.kind)).toContain(kind);
    if (kind === "binary") expect(report.conflicts[0]?.hunks).toBeNull();
    if (kind === "content") expect(report.conflicts[0]?.hunks?.[0]).toMatchObject({ ours: "M\n", base: "2\n", theirs: "S\n" });
  });
});

describe("re-validation of changes that slipped past the hooks", () => {
  it("an out-of-scope commit written with plumbing and hooks off is blocked with HS-MERGE-SCOPE", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "ok\n" }, "in scope");
    const sneaky = ws.sneak(wt, { "docs/guide.md": "rewritten by the session\n" }, "sneak past hooks");
    const result = ws.hs(["merge-back", "s1", "--apply", "--json"]);
    expect(result.code).toBe(3);
    const summary = result.json();
    expect(summary.status).toBe("blocked");
    expect(summary.violations).toEqual([expect.objectContaining({ code: "HS-MERGE-SCOPE", path: "docs/guide.md" })]);
    expect(summary.violations[0].message).toContain(sneaky.slice(0, 12));
    expect(ws.repo.read("docs/guide.md")).toBe("guide\n");
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).toBe("blocked");
  });

  it("a file added and deleted again outside scope still blocks (every commit is checked, not only the net diff)", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.sneak(wt, { "secret/x.txt": "x\n" }, "add outside");
    ws.gitIn(wt, ["-c", "core.hooksPath=/dev/null", "rm", "-q", "secret/x.txt"]);
    ws.gitIn(wt, ["-c", "core.hooksPath=/dev/null", "commit", "-qm", "remove again"]);
    ws.commit(wt, { "src/app.ts": "ok\n" }, "in scope");
    const result = ws.hs(["merge-back", "s1", "--json"]);
    expect(result.code).toBe(3);
    expect(result.json().violations.map((violation: any) => violation.path)).toEqual(["secret/x.txt"]);
  });

  it("a governance path is blocked even inside scope; rewritten history is blocked with HS-MERGE-BASE", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1", ["**"]);
    ws.sneak(wt, { ".GOV/policy.md": "changed\n" }, "touch governance");
    const result = ws.hs(["merge-back", "s1", "--json"]);
    expect(result.code).toBe(3);
    expect(result.json().violations.map((violation: any) => violation.code)).toEqual(["HS-MERGE-GOVERNANCE"]);

    const wt2 = ws.session("s2");
    const tree = ws.gitIn(wt2, ["rev-parse", "HEAD^{tree}"]).trim();
    const orphan = ws.gitIn(wt2, ["commit-tree", tree, "-m", "unrelated history"]).trim();
    ws.gitIn(wt2, ["-c", "core.hooksPath=/dev/null", "update-ref", "refs/heads/hs/s2/work", orphan]);
    const rewritten = ws.hs(["merge-back", "s2", "--json", "--into", "main"]);
    expect(rewritten.stdout + rewritten.stderr).toContain("HS-MERGE-BASE");
  });
});

describe("resolving a conflict inside the session", () => {
  it("after merging the target into the session branch, target commits are not held against the session's scope", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "session\n" }, "s1");
    ws.repo.write("src/app.ts", "main\n");
    ws.repo.write("docs/guide.md", "main docs\n");
    ws.repo.git(["commit", "-qam", "main edits app and docs"]);
    expect(ws.hs(["merge-back", "s1"]).code).toBe(3);
    const off = ["-c", "core.hooksPath=/dev/null"];
    expect(ws.repo.git([...off, "merge", "-q", "main"], { cwd: wt, allowFail: true }).code).toBe(1);
    fs.writeFileSync(path.join(wt, "src/app.ts"), "resolved\n");
    ws.gitIn(wt, [...off, "commit", "-qam", "merge main, resolve app.ts"]);
    const result = ws.hs(["merge-back", "s1", "--json"]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.json().violations).toEqual([]);
    expect(result.json().status).toBe("clean");
    // the history has a merge: the patch is one combined mail that git am applies on the base, and verify proves it
    const verify = ws.hs(["merge-back", "verify", result.json().artifact]);
    expect(verify.code, verify.stdout).toBe(0);
    const base = JSON.parse(fs.readFileSync(path.join(result.json().artifact, "provenance.json"), "utf8"));
    expect(base.patch.format).toBe("combined diff mail (history has merges)");
    const scratch = path.join(ws.repo.dir, "scratch");
    ws.repo.git(["worktree", "add", "-q", "--detach", scratch, base.git.base]);
    ws.gitIn(scratch, ["-c", "core.hooksPath=/dev/null", "am", "-q", path.join(result.json().artifact, "session.patch")]);
    expect(ws.gitIn(scratch, ["rev-parse", "HEAD^{tree}"]).trim()).toBe(base.git.head_tree);
    expect(ws.hs(["merge-back", "s1", "--apply"]).code).toBe(0);
    expect(ws.repo.read("src/app.ts")).toBe("resolved\n");
    expect(ws.repo.read("docs/guide.md")).toBe("main docs\n");
  });
});

describe("locks of other active sessions", () => {
  it("a change to a path locked by another active (lock-mode) session is blocked with HS-MERGE-LOCKED", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const lock = ws.hs(["session", "create", "--id", "L", "--isolation", "lock", "--scope", "src/locked/**"]);
    expect(lock.code, lock.stderr).toBe(0);
    ws.commit(wt, { "src/locked/x.ts": "mine\n", "src/free.ts": "ok\n" }, "s1 touches a locked path");
    const result = ws.hs(["merge-back", "s1", "--json"]);
    expect(result.code).toBe(3);
    expect(result.json().violations).toEqual([expect.objectContaining({ code: "HS-MERGE-LOCKED", path: "src/locked/x.ts" })]);
    expect(result.json().violations[0].message).toContain("session L");
  });
});

describe("the target during apply", () => {
  it("target moved between dry run and apply: re-checked; a clean move applies, a conflicting move blocks", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "session\n" }, "s1");
    expect(ws.hs(["merge-back", "s1"]).code).toBe(0);
    ws.repo.write("docs/guide.md", "moved\n");
    ws.repo.git(["commit", "-qam", "unrelated move"]);
    const moved = ws.head("main");
    const applied = ws.hs(["merge-back", "s1", "--apply", "--json"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json().moved_since_dry_run.to).toBe(moved);
    expect(ws.head("main^1")).toBe(moved);

    const wt2 = ws.session("s2");
    ws.commit(wt2, { "src/app.ts": "s2\n" }, "s2");
    expect(ws.hs(["merge-back", "s2"]).code).toBe(0);
    ws.repo.write("src/app.ts", "main again\n");
    ws.repo.git(["commit", "-qam", "conflicting move"]);
    const before = ws.head("main");
    const blocked = ws.hs(["merge-back", "s2", "--apply"]);
    expect(blocked.code).toBe(3);
    expect(blocked.stdout).toContain("target moved since the last dry run");
    expect(ws.head("main")).toBe(before);
  });

  it("target checked out and dirty in the main worktree: blocked with the reason, nothing touched", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "session\n" }, "s1");
    ws.repo.write("docs/guide.md", "operator's unsaved edit\n");
    const before = ws.head("main");
    const result = ws.hs(["merge-back", "s1", "--apply"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("HS-MERGE-TARGET-DIRTY");
    expect(result.stderr).toContain("docs/guide.md");
    expect(ws.head("main")).toBe(before);
    expect(ws.repo.read("docs/guide.md")).toBe("operator's unsaved edit\n");
    const show = ws.hs(["session", "show", "s1", "--json"]).json();
    expect(show.state).toBe("blocked");
    expect(show.state_reason).toContain("checked out");
  });
});
