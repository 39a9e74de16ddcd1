// version.* and context.search over the in-process handler on a real repository: each route's operation, its
// Flight Recorder event and actor, the user's index byte-identical, hooks that run and refuse, out-of-scope paths
// refused in a session worktree, revert only through an approval, and session actors refused by the guard.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionActor } from "../../src/ops/actor.ts";
import { getSession } from "../../src/registry/sessions.ts";
import { searchOp } from "../../src/search/ops.ts";
import { OPERATOR } from "../../src/ops/actor.ts";
import { api, bodyOf, eventsAfter, serverFixture, type ServerFixture } from "./fixture.ts";

let f: ServerFixture;
let s1: { worktree: string; gitDir: string; branch: string };
beforeAll(() => {
  f = serverFixture([["s1", null], ["s2", null]]);
  const session = getSession(f.ws, "s1");
  s1 = { worktree: session.worktree, gitDir: session.gitDir, branch: session.branch! };
}, 90_000);
afterAll(() => f?.cleanup());

const call = (method: string, url: string, body?: unknown) => f.handler()(api(method, url, body));
const asSession = (id: string, method: string, url: string, body?: unknown) => f.handler(sessionActor(id))(api(method, url, body));
const head = () => f.fr.head().seq;
const mainIndex = () => fs.readFileSync(path.join(f.repo.root, ".git", "index"));
const git = (args: string[], cwd = f.repo.root) => f.repo.git(args, { cwd }).stdout.trim();
const write = (root: string, file: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

describe("version.status and version.diff", () => {
  it("lists modified, staged, untracked, renamed and binary files of main without touching the index", async () => {
    write(f.repo.root, "src/app.ts", "export const app = 2;\n");
    write(f.repo.root, "docs/new.md", "new doc\n");
    write(f.repo.root, "img.bin", Buffer.from([0, 1, 2, 3, 0, 255]));
    git(["mv", "docs/guide.md", "docs/manual.md"]);
    const before = mainIndex();
    const status = bodyOf(await call("GET", "/api/v1/vcs/status?target=main"));
    expect(status).toMatchObject({ target: "main", branch: "main", head: git(["rev-parse", "HEAD"]) });
    const byPath = Object.fromEntries(status.files.map((file: { path: string }) => [file.path, file]));
    expect(byPath["src/app.ts"]).toEqual({ path: "src/app.ts", status: "modified", staged: false, binary: false });
    expect(byPath["docs/manual.md"]).toEqual({ path: "docs/manual.md", old_path: "docs/guide.md", status: "renamed", staged: true, binary: false });
    expect(byPath["docs/new.md"]).toMatchObject({ status: "untracked", staged: false });
    expect(byPath["img.bin"]).toMatchObject({ status: "untracked", binary: true });
    expect(mainIndex().equals(before)).toBe(true);
  });

  it("diffs one path: rename-aware with both texts, untracked as a new file, binary without texts, bounded", async () => {
    const renamed = bodyOf(await call("GET", "/api/v1/vcs/diff?target=main&path=docs/manual.md"));
    expect(renamed).toMatchObject({ path: "docs/manual.md", old_path: "docs/guide.md", status: "renamed", binary: false, truncated: false, old_text: "guide\n", new_text: "guide\n" });
    expect(renamed.patch).toContain("rename from docs/guide.md");
    const modified = bodyOf(await call("GET", "/api/v1/vcs/diff?target=main&path=src/app.ts"));
    expect(modified).toMatchObject({ status: "modified", old_text: "export const app = 1;\n", new_text: "export const app = 2;\n" });
    expect(modified.patch).toContain("+export const app = 2;");
    const added = bodyOf(await call("GET", "/api/v1/vcs/diff?target=main&path=docs/new.md"));
    expect(added).toMatchObject({ status: "untracked", old_text: "", new_text: "new doc\n" });
    expect(added.patch).toContain("new file mode");
    const binary = bodyOf(await call("GET", "/api/v1/vcs/diff?target=main&path=img.bin"));
    expect(binary).toMatchObject({ binary: true });
    expect(binary.old_text).toBeUndefined();
    expect(binary.new_text).toBeUndefined();
    const cut = bodyOf(await call("GET", "/api/v1/vcs/diff?target=main&path=src/app.ts&max_bytes=40"));
    expect([cut.truncated, cut.patch.length]).toEqual([true, 40]);
    const none = await call("GET", "/api/v1/vcs/diff?target=main&path=README.md");
    expect([none.status, bodyOf(none).error.code]).toEqual([404, "HS-VCS-UNCHANGED"]);
  });

  it("a session reads itself, not another session (refused by the guard, access.denied recorded)", async () => {
    expect((await asSession("s1", "GET", "/api/v1/vcs/status?target=s1")).status).toBe(200);
    const before = head();
    const other = await asSession("s2", "GET", "/api/v1/vcs/status?target=s1");
    expect([other.status, bodyOf(other).error.code]).toEqual([403, "HS-ACCESS-DENIED"]);
    expect(eventsAfter(f.fr, before, "access.denied")[0]).toMatchObject({ actor: "agent", session_id: "s2", payload: expect.objectContaining({ verb: "vcs status s1" }) });
  });
});

describe("version.commit", () => {
  it("commits exactly the selected paths on main through a temporary index; the user's index is byte-identical", async () => {
    const indexBefore = mainIndex();
    const parent = git(["rev-parse", "HEAD"]);
    const before = head();
    const response = await call("POST", "/api/v1/vcs/commit", { target: "main", paths: ["src/app.ts", "docs/new.md"], message: "app 2 and a new doc\n\nwhy: tests" });
    expect(response.status).toBe(200);
    const result = bodyOf(response);
    expect(mainIndex().equals(indexBefore)).toBe(true);
    expect(git(["rev-parse", "HEAD"])).toBe(result.commit);
    expect(git(["rev-parse", `${result.commit}^`])).toBe(parent);
    expect(git(["diff-tree", "--no-commit-id", "--name-only", "-r", result.commit]).split("\n").sort()).toEqual(["docs/new.md", "src/app.ts"]);
    expect(git(["log", "-1", "--format=%B", result.commit])).toBe("app 2 and a new doc\n\nwhy: tests");
    // the staged rename was not selected: it stays staged, not committed
    expect(git(["diff", "--cached", "--name-status", "HEAD"])).toContain("docs/guide.md");
    // the user's index still has the old src/app.ts (docs/new.md was never in it): the answer says so
    expect(result.index_behind).toEqual(["docs/new.md", "src/app.ts"]);
    const event = eventsAfter(f.fr, before, "vcs.committed");
    expect(event).toHaveLength(1);
    expect(event[0]).toMatchObject({ seq: result.event_id, actor: "human", session_id: null, payload: expect.objectContaining({ target: "main", commit: result.commit, paths: ["src/app.ts", "docs/new.md"], message_artifact: result.artifact }) });
    const stored = fs.readFileSync(path.join(f.ws.loc.handshakeDir, result.artifact), "utf8");
    expect(stored).toBe("app 2 and a new doc\n\nwhy: tests\n");
    expect(result.artifact).toContain(event[0]!.payload.message_sha256 as string);
  });

  it("runs the repository's own hooks (chained by hs), which can refuse: 422 with the hook's code, HEAD and index unchanged", async () => {
    const hook = path.join(f.repo.root, ".git", "hooks", "pre-commit");
    fs.writeFileSync(hook, '#!/bin/sh\nif git diff --cached --name-only | grep -q forbidden; then echo "no forbidden files" >&2; exit 7; fi\necho "hook saw: $(git diff --cached --name-only | tr "\\n" " ")" > "$(git rev-parse --git-dir)/hook-ran"\n', { mode: 0o755 });
    try {
      write(f.repo.root, "src/forbidden.ts", "x\n");
      write(f.repo.root, "src/ok.ts", "ok\n");
      const indexBefore = mainIndex();
      const headBefore = git(["rev-parse", "HEAD"]);
      const before = head();
      const refused = await call("POST", "/api/v1/vcs/commit", { target: "main", paths: ["src/forbidden.ts"], message: "nope" });
      expect([refused.status, bodyOf(refused).error.code]).toEqual([422, "HS-VCS-COMMIT-REFUSED"]);
      expect(bodyOf(refused).error.details).toMatchObject({ exit_code: 1, output: expect.stringContaining("no forbidden files") });
      expect(git(["rev-parse", "HEAD"])).toBe(headBefore);
      expect(mainIndex().equals(indexBefore)).toBe(true);
      expect(eventsAfter(f.fr, before, "vcs.commit_refused")[0]).toMatchObject({ actor: "human", payload: expect.objectContaining({ code: "HS-VCS-COMMIT-REFUSED" }) });
      const ok = await call("POST", "/api/v1/vcs/commit", { target: "main", paths: ["src/ok.ts"], message: "ok" });
      expect(ok.status).toBe(200);
      // the hook saw exactly the selected path in its index
      expect(fs.readFileSync(path.join(f.repo.root, ".git", "hook-ran"), "utf8").trim()).toBe("hook saw: src/ok.ts");
    } finally {
      fs.rmSync(hook);
    }
  });

  it("refuses a session actor by the guard (HS-OPERATOR-ONLY, access.denied), and an empty selection", async () => {
    const before = head();
    const bySession = await asSession("s1", "POST", "/api/v1/vcs/commit", { target: "s1", paths: ["src/app.ts"], message: "mine" });
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    expect(eventsAfter(f.fr, before, "access.denied")[0]).toMatchObject({ actor: "agent", session_id: "s1", payload: expect.objectContaining({ actor: "session:s1" }) });
    const nothing = await call("POST", "/api/v1/vcs/commit", { target: "main", paths: ["README.md"], message: "nothing" });
    expect([nothing.status, bodyOf(nothing).error.code]).toEqual([409, "HS-VCS-NOTHING-TO-COMMIT"]);
    const escape = await call("POST", "/api/v1/vcs/commit", { target: "main", paths: ["../x"], message: "x" });
    expect([escape.status, bodyOf(escape).error.code]).toEqual([400, "HS-USAGE"]);
  });

  it("in a session worktree: commits selected in-scope paths on its branch, refuses out-of-scope ones, its index untouched", async () => {
    write(s1.worktree, "src/app.ts", "export const app = 's1';\n");
    write(s1.worktree, "src/extra.ts", "extra\n");
    write(s1.worktree, "docs/guide.md", "s1 edits docs\n");
    const index = path.join(s1.gitDir, "index");
    const indexBefore = fs.readFileSync(index);
    const branchBefore = git(["rev-parse", s1.branch]);
    const before = head();
    const out = await call("POST", "/api/v1/vcs/commit", { target: "s1", paths: ["src/app.ts", "docs/guide.md"], message: "out of scope" });
    expect([out.status, bodyOf(out).error.code]).toEqual([403, "HS-SCOPE-OUT"]);
    expect(bodyOf(out).error.message).toContain("docs/guide.md");
    expect(git(["rev-parse", s1.branch])).toBe(branchBefore);
    expect(eventsAfter(f.fr, before, "vcs.commit_refused")[0]).toMatchObject({ session_id: "s1", payload: expect.objectContaining({ code: "HS-SCOPE-OUT" }) });
    const ok = bodyOf(await call("POST", "/api/v1/vcs/commit", { target: "s1", paths: ["src/app.ts"], message: "s1 app" }));
    expect(git(["rev-parse", s1.branch])).toBe(ok.commit);
    expect(git(["rev-parse", `${ok.commit}^`])).toBe(branchBefore);
    expect(git(["diff-tree", "--no-commit-id", "--name-only", "-r", ok.commit])).toBe("src/app.ts");
    expect(fs.readFileSync(index).equals(indexBefore)).toBe(true);
    expect(eventsAfter(f.fr, before, "vcs.committed")[0]).toMatchObject({ actor: "human", session_id: "s1", payload: expect.objectContaining({ target: "s1", commit: ok.commit }) });
    const status = bodyOf(await call("GET", "/api/v1/vcs/status?target=s1"));
    expect(status.head).toBe(ok.commit);
    expect(status.files.map((file: { path: string }) => file.path).sort()).toEqual(["docs/guide.md", "src/app.ts", "src/extra.ts"]);
  });
});

describe("version.revert", () => {
  it("only files an approval with what could be lost; approving performs it; a session cannot approve", async () => {
    write(s1.worktree, "src/app.ts", "export const app = 'lost edit';\n");
    const before = head();
    const asked = await call("POST", "/api/v1/vcs/revert", { target: "s1", paths: ["src/app.ts", "src/extra.ts"], reason: "start over" });
    expect(asked.status).toBe(202);
    const { request_id, preview } = bodyOf(asked);
    expect(preview.entries.map((e: { text: string }) => e.text)).toEqual([
      expect.stringMatching(/^src\/app\.ts: modified \(\d+ bytes now\); uncommitted edits are lost$/),
      expect.stringMatching(/^src\/extra\.ts: untracked \(6 bytes\), deleted$/),
    ]);
    expect(fs.readFileSync(path.join(s1.worktree, "src/app.ts"), "utf8")).toContain("lost edit");
    expect(eventsAfter(f.fr, before, "approval.requested")[0]).toMatchObject({ actor: "human", session_id: "s1", payload: expect.objectContaining({ rule: "hs.vcs.revert" }) });
    const inbox = bodyOf(await call("GET", "/api/v1/approvals?session=s1")).requests;
    expect(inbox.map((r: { id: string }) => r.id)).toContain(request_id);
    const bySession = await asSession("s1", "POST", `/api/v1/approvals/${request_id}/approve`, {});
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    expect(fs.existsSync(path.join(s1.worktree, "src/extra.ts"))).toBe(true);
    const index = fs.readFileSync(path.join(s1.gitDir, "index"));
    const approved = bodyOf(await call("POST", `/api/v1/approvals/${request_id}/approve`, {}));
    expect(approved.performed).toMatchObject({ target: "s1", restored: ["src/app.ts"], deleted: ["src/extra.ts"] });
    expect(fs.readFileSync(path.join(s1.worktree, "src/app.ts"), "utf8")).toBe("export const app = 's1';\n");
    expect(fs.existsSync(path.join(s1.worktree, "src/extra.ts"))).toBe(false);
    expect(fs.readFileSync(path.join(s1.gitDir, "index")).equals(index)).toBe(true);
    expect(eventsAfter(f.fr, before, "vcs.reverted")[0]).toMatchObject({ actor: "human", session_id: "s1", payload: expect.objectContaining({ request_id }) });
  });

  it("refuses to discard what changed after the preview (HS-VCS-CHANGED), and a session actor cannot ask", async () => {
    write(f.repo.root, "src/late.ts", "first\n");
    const { request_id } = bodyOf(await call("POST", "/api/v1/vcs/revert", { target: "main", paths: ["src/late.ts"] }));
    write(f.repo.root, "src/late.ts", "written after the preview\n");
    const before = head();
    const approved = await call("POST", `/api/v1/approvals/${request_id}/approve`, {});
    expect([approved.status, bodyOf(approved).error.code]).toEqual([409, "HS-VCS-CHANGED"]);
    expect(fs.readFileSync(path.join(f.repo.root, "src/late.ts"), "utf8")).toBe("written after the preview\n");
    expect(eventsAfter(f.fr, before, "vcs.revert_refused")[0]).toMatchObject({ payload: expect.objectContaining({ code: "HS-VCS-CHANGED" }) });
    const bySession = await asSession("s1", "POST", "/api/v1/vcs/revert", { target: "s1", paths: ["src/app.ts"] });
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
  });
});

describe("context.search", () => {
  it("finds tracked hits, untracked ones only when asked, bounded results, and opens a bounded excerpt", async () => {
    write(f.repo.root, "src/many.ts", Array.from({ length: 30 }, (_, i) => `needle ${i}`).join("\n") + "\n");
    git(["add", "src/many.ts"]);
    write(f.repo.root, "notes.txt", "needle in an untracked file\n");
    const tracked = bodyOf(await call("GET", "/api/v1/search?target=main&q=needle&max_results=5"));
    expect(tracked.results).toHaveLength(5);
    expect(tracked).toMatchObject({ truncated: true, elapsed_ms: expect.any(Number) });
    expect(tracked.results[0]).toEqual({ path: "src/many.ts", line: 1, excerpt: "needle 0" });
    const all = bodyOf(await call("GET", "/api/v1/search?target=main&q=needle&untracked=1&max_results=1000"));
    expect(all.results.map((r: { path: string }) => r.path)).toContain("notes.txt");
    expect(bodyOf(await call("GET", "/api/v1/search?target=main&q=needle")).results.map((r: { path: string }) => r.path)).not.toContain("notes.txt");
    const regex = bodyOf(await call("GET", "/api/v1/search?target=main&q=needle%202%5B0-9%5D&regex=1"));
    expect(regex.results.map((r: { line: number }) => r.line)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    const long = await call("GET", `/api/v1/search?target=main&q=${"x".repeat(600)}`);
    expect(long.status).toBe(400);
    const open = bodyOf(await call("GET", "/api/v1/search/open?target=main&path=src/many.ts&line=10&context=2"));
    expect(open).toEqual({ path: "src/many.ts", start_line: 8, lines: ["needle 7", "needle 8", "needle 9", "needle 10", "needle 11"], truncated: false });
  });

  it("stops git after the time limit and says so", async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i} aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`).join("\n");
    for (let i = 0; i < 8; i += 1) write(f.repo.root, `big/${i}.txt`, lines);
    const result = await searchOp(f.ws, OPERATOR, { target: "main", q: "(a+)+b", regex: true, untracked: true, timeoutMs: 1 });
    expect(result).toMatchObject({ truncated: true, stopped: "time" });
    fs.rmSync(path.join(f.repo.root, "big"), { recursive: true });
  });
});
