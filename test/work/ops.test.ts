// The work operations with explicit actors: who may do what, one event per verb, fail-closed records,
// the board's hand-edit detection, append-only anchor notes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "../sessions/helpers.ts";
import { openWorkspace, type Workspace } from "../../src/registry/workspace.ts";
import { closeCachedRecorders, openFlightRecorder } from "../../src/registry/flight-recorder.ts";
import { OPERATOR, sessionActor } from "../../src/ops/actor.ts";
import * as ops from "../../src/work/ops.ts";
import { mirrorState } from "../../src/work/board.ts";
import { getSession } from "../../src/registry/sessions.ts";

let repo: TempRepo;
let ws: Workspace;
const s1 = sessionActor("s1");
const s2 = sessionActor("s2");
const events = () => {
  const fr = openFlightRecorder(ws.loc.handshakeDir);
  try {
    return fr.query();
  } finally {
    fr.close();
  }
};
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "no error";
};

beforeAll(() => {
  repo = initRepo();
  ws = openWorkspace(repo.root);
  ops.createWp(ws, OPERATOR, { id: "WP-1", title: "one" });
  ops.addMt(ws, OPERATOR, { wp: "WP-1", id: "MT-001", name: "code", modify: ["src/**"] });
  ops.addMt(ws, OPERATOR, { wp: "WP-1", id: "MT-002", name: "docs", modify: ["docs/**"] });
  ops.moveWp(ws, OPERATOR, { id: "WP-1", verb: "ready" });
  for (const [id, mt] of [
    ["s1", "MT-001"],
    ["s2", "MT-002"],
  ] as const) {
    const created = hs(["session", "create", "--id", id, "--mt", mt], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
  }
  ops.moveMt(ws, OPERATOR, { id: "MT-001", verb: "start" });
});
afterAll(() => {
  ws?.close();
  closeCachedRecorders();
  repo?.cleanup();
});

describe("actors", () => {
  it.each([
    ["wp create", () => ops.createWp(ws, s1, { title: "x" })],
    ["wp update", () => ops.updateWp(ws, s1, { id: "WP-1", changes: { title: "x" } })],
    ["wp cancel", () => ops.moveWp(ws, s1, { id: "WP-1", verb: "cancel" })],
    ["wp depend", () => ops.dependWp(ws, s1, { id: "WP-1", on: "WP-1" })],
    ["wp board", () => ops.syncBoardOp(ws, s1)],
    ["mt add", () => ops.addMt(ws, s1, { wp: "WP-1", name: "x", modify: ["src/**"] })],
    ["mt done", () => ops.moveMt(ws, s1, { id: "MT-001", verb: "done" })],
    ["anchor create", () => ops.createAnchor(ws, s1, { title: "x" })],
  ])("a session may not %s", (_verb, fn) => {
    expect(code(fn)).toBe("HS-OPERATOR-ONLY");
  });

  it("only the operator waives a handoff; without one a bound session does not close", () => {
    const session = getSession(ws, "s2");
    expect(code(() => ops.requireHandoff(ws, s2, { session }))).toBe("HS-HANDOFF-REQUIRED");
    expect(code(() => ops.requireHandoff(ws, s2, { session, noHandoff: true, reason: "x" }))).toBe("HS-OPERATOR-ONLY");
    expect(code(() => ops.requireHandoff(ws, OPERATOR, { session, noHandoff: true }))).toBe("HS-USAGE");
  });

  it("a session records iterations of its own task, for itself only", () => {
    const { mt } = ops.iterateMt(ws, s1, { id: "MT-001", outcome: "RETRY", summary: "tests red" });
    expect(mt.iterations).toMatchObject([
      { iteration: 1, outcome: "RETRY", session_id: "s1", recorded_by: "session:s1" },
    ]);
    expect(code(() => ops.iterateMt(ws, s2, { id: "MT-001", outcome: "SUCCESS" }))).toBe("HS-MT-NOT-BOUND");
    expect(code(() => ops.iterateMt(ws, s2, { id: "MT-001", outcome: "SUCCESS", session: "s1" }))).toBe(
      "HS-ACCESS-DENIED",
    );
    expect(ops.iterateMt(ws, s1, { id: "MT-001", outcome: "BLOCKED" }).mt.status).toBe("blocked");
    expect(ops.iterateMt(ws, s1, { id: "MT-001", outcome: "SUCCESS" }).mt.status).toBe("in_progress");
  });

  it("a session writes handoffs for itself, from files in its own worktree only", () => {
    const worktree = path.join(repo.dir, "repo.hs", "s1");
    fs.writeFileSync(path.join(worktree, "done.md"), "done\n");
    fs.symlinkSync(path.join(repo.root, "README.md"), path.join(worktree, "link.md"));
    const base = { session: "s1", remaining: { text: "-" }, cwd: worktree };
    expect(code(() => ops.writeHandoff(ws, s2, { ...base, done: { text: "x" } }))).toBe("HS-ACCESS-DENIED");
    expect(code(() => ops.writeHandoff(ws, s1, { ...base, done: { file: path.join(repo.root, "README.md") } }))).toBe(
      "HS-INPUT-FILE",
    );
    expect(code(() => ops.writeHandoff(ws, s1, { ...base, done: { file: "link.md" } }))).toBe("HS-INPUT-FILE");
    const record = ops.writeHandoff(ws, s1, {
      ...base,
      done: { file: "done.md" },
      evidence: ["abc1234", "sha256:" + "0".repeat(64)],
    });
    expect(record).toMatchObject({
      execution_session_id: "s1",
      wp_id: "WP-1",
      mt_id: "MT-001",
      evidence_links: [{ kind: "commit" }, { kind: "artifact" }],
    });
  });
});

describe("records", () => {
  it("every verb records exactly one event", () => {
    const before = events().length;
    ops.updateWp(ws, OPERATOR, { id: "WP-1", changes: { priority: 1 } });
    const added = events().slice(before);
    expect(added.map((event) => event.type)).toEqual(["work_packet_updated"]);
    expect(added[0]).toMatchObject({
      wp_id: "WP-1",
      actor: "human",
      payload: { changes: { priority: 1 }, by: "operator" },
    });
  });

  it("dependency cycles are refused", () => {
    ops.createWp(ws, OPERATOR, { id: "WP-2", title: "two" });
    ops.dependWp(ws, OPERATOR, { id: "WP-2", on: "WP-1" });
    expect(code(() => ops.dependWp(ws, OPERATOR, { id: "WP-1", on: "WP-2" }))).toBe("HS-DEPENDENCY-CYCLE");
  });

  it("an invalid record fails closed with path: message", () => {
    const file = path.join(ws.loc.handshakeDir, "gov", "work_packets", "WP-2", "packet.json");
    const good = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, good.replace('"priority": 2', '"priority": 9'));
    const refused = hs(["wp", "list"], { cwd: repo.root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("HS-WORK-RECORD-INVALID");
    expect(refused.stderr).toContain("priority:");
    fs.writeFileSync(file, good);
    expect(hs(["wp", "list"], { cwd: repo.root }).code).toBe(0);
  });

  it("a hand edit of the board is reported by hs doctor and on the next regeneration, never read back", () => {
    const file = path.join(ws.loc.handshakeDir, "gov", "TASK_BOARD.md");
    fs.appendFileSync(file, "- **WP-9** moved to done by hand\n");
    expect(
      hs(["doctor", "--json"], { cwd: repo.root })
        .json()
        .findings.map((f: { code: string }) => f.code),
    ).toContain("TASK-BOARD-EDITED");
    const before = events().length;
    const result = hs(["wp", "board", "--json"], { cwd: repo.root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      previous_state: "advisory_edit",
      hand_edit_ref: expect.stringMatching(/^sha256:/),
    });
    expect(
      events()
        .slice(before)
        .map((event) => event.type),
    ).toEqual(["task_board_status_changed", "task_board_synced"]);
    expect(mirrorState(fs.readFileSync(file, "utf8"))).toBe("synchronized");
    expect(fs.readFileSync(file, "utf8")).not.toContain("WP-9");
  });

  it("work packet notes are sidecar files, one per note, including the reasons of status moves", () => {
    ops.createWp(ws, OPERATOR, { id: "WP-3", title: "three" });
    ops.moveWp(ws, OPERATOR, { id: "WP-3", verb: "ready" });
    ops.moveWp(ws, OPERATOR, { id: "WP-3", verb: "block", reason: "waiting for keys" });
    const note = ops.noteWp(ws, OPERATOR, { id: "WP-3", text: "keys ordered\nfrom the vendor", type: "decision" });
    expect(
      fs.existsSync(path.join(ws.loc.handshakeDir, "gov", "work_packets", "WP-3", "notes", `${note.note_id}.json`)),
    ).toBe(true);
    expect(ops.showWp(ws, "WP-3").notes).toMatchObject([
      { note_type: "blocker", summary: "ready -> blocked: waiting for keys", author: "operator" },
      { note_type: "decision", summary: "keys ordered", content: "keys ordered\nfrom the vendor" },
    ]);
    expect(code(() => ops.moveWp(ws, OPERATOR, { id: "WP-3", verb: "block" }))).toBe("HS-USAGE");
  });

  it("anchors link to their WP without changing it; notes only accumulate", () => {
    const anchor = ops.createAnchor(ws, OPERATOR, { title: "goal", criteria: ["works"] });
    const status = ops.showWp(ws, "WP-1").status;
    ops.linkAnchor(ws, OPERATOR, { id: anchor.anchor_id, kind: "wp", target: "WP-1" });
    expect(code(() => ops.linkAnchor(ws, OPERATOR, { id: anchor.anchor_id, kind: "wp", target: "WP-2" }))).toBe(
      "HS-USAGE",
    );
    ops.noteAnchor(ws, OPERATOR, { id: anchor.anchor_id, text: "first" });
    ops.noteAnchor(ws, OPERATOR, { id: anchor.anchor_id, text: "correction of the first" });
    expect(ops.findAnchor(ws, anchor.anchor_id)).toMatchObject({
      linked_wp_id: "WP-1",
      notes: [{ author: "human" }, { author: "human" }],
    });
    expect(ops.showWp(ws, "WP-1").status).toBe(status);
  });
});
