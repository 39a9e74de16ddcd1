// Every state has a way out, and the refusal names it: each `next:` line below is run exactly as printed.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runNext } from "../helpers/next.ts";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

const ids = (json: Array<{ id: string }>) => json.map((session) => session.id);

describe("session lifecycle without dead ends", () => {
  it("cancelled with commits: merge-back, then close; closed sessions leave list, prune and merge-back for good", () => {
    ws = makeMergeWorkspace();
    const root = ws.repo.root;
    const wt = ws.session("s1");
    ws.commit(wt, { "src/kept.ts": "kept\n" }, "kept work");
    const cancelled = ws.hs(["session", "cancel", "s1"]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    const dry = runNext(cancelled.stdout, root);
    expect(dry.command).toBe("hs merge-back s1");
    expect(dry.code, dry.stderr).toBe(0);
    const applied = ws.hs(["merge-back", "s1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(ws.repo.read("src/kept.ts")).toBe("kept\n");
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).toBe("cancelled");

    const closed = ws.hs(["session", "close", "s1"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fs.existsSync(wt)).toBe(false);
    expect(ids(ws.hs(["session", "list", "--json"]).json())).toEqual([]);
    const all = ws.hs(["session", "list", "--all", "--json"]).json();
    expect(all[0]).toMatchObject({ id: "s1", state: "cancelled", closed_at: expect.any(String) });
    expect(ws.hs(["prune", "--json"]).json().items).toEqual([]);
    const again = ws.hs(["merge-back", "s1"]);
    expect(again.stderr).toContain("HS-SESSION-CLOSED");
    expect(runNext(again.stderr, root).code).toBe(0);
    expect(ws.hs(["doctor", "--json"]).json().findings.map((f: { code: string }) => f.code)).not.toContain("REGISTRY-WORKTREE-MISSING");
  });

  it("cancelled work nobody wants: close names merge-back and the quoted discard; the discard runs as printed", () => {
    ws = makeMergeWorkspace();
    const root = ws.repo.root;
    const wt = ws.session("s2");
    ws.commit(wt, { "src/doomed.ts": "doomed\n" }, "doomed");
    ws.hs(["session", "cancel", "s2", "--reason", "cancelled experiment"]);
    const refused = ws.hs(["session", "close", "s2"]);
    expect(refused.stderr).toContain("HS-CLOSE-WOULD-LOSE");
    expect(refused.stderr).toContain("next: hs merge-back s2   # to throw it away instead: hs session close s2 --discard --reason 'not needed'");
    expect(runNext(refused.stderr, root).code).toBe(0);

    const noReason = ws.hs(["session", "close", "s2", "--discard"]);
    const asked = runNext(noReason.stderr, root);
    expect(asked.command).toBe("hs session close s2 --discard --reason 'not needed'");
    expect(asked.code, asked.stderr).toBe(77);
    const approve = runNext(asked.stderr, root);
    expect(approve.command).toMatch(/^hs approve ap-/);
    expect(approve.code, approve.stderr).toBe(0);
    const discarded = runNext(noReason.stderr, root);
    expect(discarded.code, discarded.stderr).toBe(0);
    expect(fs.existsSync(wt)).toBe(false);
    const log = JSON.parse(ws.hs(["log", "--type", "session.closed", "--json"]).stdout);
    expect(log[0].payload).toMatchObject({ discarded: true, reason: "not needed" });
  });

  it("a live session: close names cancel; a vanished worktree is listed by prune and removed by the printed prune --remove", () => {
    ws = makeMergeWorkspace();
    const root = ws.repo.root;
    ws.session("s3");
    const live = ws.hs(["session", "close", "s3"]);
    expect(live.stderr).toContain("HS-CLOSE-LIVE");
    const cancel = runNext(live.stderr, root);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(ws.hs(["session", "show", "s3", "--json"]).json().state).toBe("cancelled");

    const wt = ws.session("s4");
    fs.rmSync(wt, { recursive: true, force: true });
    ws.hs(["session", "cancel", "s4"]);
    const listed = ws.hs(["prune"]);
    expect(listed.stdout).toMatch(/vanished-worktree\s+\S*s4/);
    const removed = runNext(listed.stdout, root);
    expect(removed.command).toBe("hs prune --remove");
    expect(removed.code, removed.stderr).toBe(0);
    expect(ws.hs(["prune", "--json"]).json().items).toEqual([]);
    expect(ws.hs(["session", "list", "--all", "--json"]).json().find((s: { id: string }) => s.id === "s4").closed_at).toEqual(expect.any(String));
    expect(ws.repo.git(["for-each-ref", "refs/heads/hs/s4/"]).stdout).toBe("");
  });

  it("uninstall lists open sessions and unmerged work and refuses; --purge --force exports the log first and says where", () => {
    ws = makeMergeWorkspace();
    const root = ws.repo.root;
    const wt = ws.session("s5");
    ws.commit(wt, { "src/wip.ts": "wip\n" }, "unmerged wip");
    const refused = ws.hs(["uninstall", "--purge"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("HS-UNINSTALL-OPEN-SESSIONS");
    expect(refused.stderr).toMatch(/s5 \(created, .*\): unmerged commit: [0-9a-f]{12} unmerged wip/);
    expect(fs.existsSync(path.join(root, ".handshake", "devcc.db"))).toBe(true);
    expect(ws.repo.git(["config", "core.hooksPath"]).stdout).toContain("hs/hooks");

    const events = ws.hs(["log", "--json"]).json().length;
    const forced = ws.hs(["uninstall", "--purge", "--force", "--json"]);
    expect(forced.code, forced.stderr).toBe(0);
    const out = forced.json();
    expect(out.open_sessions.map((s: { id: string }) => s.id)).toEqual(["s5"]);
    expect(fs.existsSync(path.join(root, ".handshake"))).toBe(false);
    const lines = fs.readFileSync(out.flight_recorder_export, "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(events);
    expect(lines.at(-1).type).toBe("workspace.uninstalled");
    expect(fs.existsSync(wt)).toBe(true);
  });
});
