// The session state machine, tested exhaustively: every from x to pair, pure and through transitionSession on
// a real index (state, reason and exactly one session.state_change event, or the stable refusal code).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_STATES, transitionSession, getSession, type SessionState } from "../../src/registry/sessions.ts";
import { SESSION_TRANSITIONS, checkTransition } from "../../src/registry/session-transitions.ts";
import { openWorkspace, type Workspace } from "../../src/registry/workspace.ts";
import { openFlightRecorder } from "../../src/registry/flight-recorder.ts";
import { HsError } from "../../src/errors.ts";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "./helpers.ts";

const TERMINAL = new Set<SessionState>(["completed", "failed", "cancelled"]);
// Written out independently of the table: the edges the README promises.
const ALLOWED = new Set([
  "created>active", "created>paused", "created>blocked", "created>completed", "created>failed", "created>cancelled",
  "active>paused", "active>blocked", "active>completed", "active>failed", "active>cancelled",
  "paused>active", "paused>blocked", "paused>completed", "paused>failed", "paused>cancelled",
  "blocked>created", "blocked>active", "blocked>paused", "blocked>completed", "blocked>failed", "blocked>cancelled",
]);

function expected(from: SessionState, to: SessionState): "ok" | "noop" | "HS-SESSION-TERMINAL" | "HS-STATE-TRANSITION" {
  if (TERMINAL.has(from)) return "HS-SESSION-TERMINAL";
  if (from === to) return "noop";
  return ALLOWED.has(`${from}>${to}`) ? "ok" : "HS-STATE-TRANSITION";
}

const PAIRS = SESSION_STATES.flatMap((from) => SESSION_STATES.map((to) => [from, to] as [SessionState, SessionState]));

describe("session transition table (pure)", () => {
  it("covers every state, and terminal states have no way out", () => {
    expect(Object.keys(SESSION_TRANSITIONS).sort()).toEqual([...SESSION_STATES].sort());
    for (const state of TERMINAL) expect(SESSION_TRANSITIONS[state]).toEqual([]);
    expect(PAIRS).toHaveLength(49);
  });

  it("failed is reachable from every live state", () => {
    for (const from of SESSION_STATES.filter((state) => !TERMINAL.has(state))) expect(checkTransition(from, "failed")).toEqual({ ok: true, noop: false });
  });

  it.each(PAIRS)("%s -> %s", (from, to) => {
    const check = checkTransition(from, to);
    const want = expected(from, to);
    if (want === "ok" || want === "noop") expect(check).toEqual({ ok: true, noop: want === "noop" });
    else expect(check).toEqual({ ok: false, code: want });
  });
});

describe("transitionSession on a real index: every pair", () => {
  let repo: TempRepo;
  let ws: Workspace;
  beforeAll(() => {
    repo = initRepo();
    const created = hs(["session", "create", "--id", "t1", "--scope", "src/**"], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
    ws = openWorkspace(repo.root);
  });
  afterAll(() => {
    ws?.close();
    repo?.cleanup();
  });

  const changes = () => {
    const fr = openFlightRecorder(ws.loc.handshakeDir);
    try {
      return fr.query({ session_id: "t1", type: "session.state_change" }).length;
    } finally {
      fr.close();
    }
  };

  it.each(PAIRS)("%s -> %s", (from, to) => {
    // Test set-up only: put the row in the `from` state directly (the operation under test is the transition).
    ws.db.prepare("UPDATE model_sessions SET state = ?, state_reason = 'test' WHERE session_id = 't1'").run(from);
    const before = changes();
    const want = expected(from, to);
    let error: unknown;
    try {
      transitionSession(ws, "t1", to, `to ${to}`, "system");
    } catch (caught) {
      error = caught;
    }
    const row = getSession(ws, "t1");
    if (want === "ok") {
      expect(error).toBeUndefined();
      expect(row).toMatchObject({ state: to, stateReason: `to ${to}` });
      expect(changes()).toBe(before + 1);
    } else if (want === "noop") {
      expect(error).toBeUndefined();
      expect(row.state).toBe(from);
      expect(changes()).toBe(before);
    } else {
      expect(error).toBeInstanceOf(HsError);
      expect((error as HsError).code).toBe(want);
      expect((error as HsError).hint).toBe("hs session show t1");
      expect(row.state).toBe(from);
      expect(changes()).toBe(before);
    }
  });
});
