import { describe, expect, it } from "vitest";
import { emptyFacts, foldEvent } from "../../../src/sessions/rebuild-facts.ts";
import type { FrEvent } from "../../../src/registry/flight-recorder.ts";

let seq = 0;
const ev = (type: string, session_id: string | null, payload: Record<string, unknown>): FrEvent =>
  ({ seq: ++seq, event_id: `e${seq}`, type, timestamp: `2026-01-01T00:00:${String(seq).padStart(2, "0")}.000Z`, actor: "human", session_id, wp_id: null, mt_id: null, workspace_id: "w", payload, prev_hash: "", hash: "" }) as unknown as FrEvent;

describe("foldEvent: the session facts hs rebuild takes from the Flight Recorder", () => {
  it("keeps the latest state, the close time and the locks still held", () => {
    const facts = emptyFacts();
    for (const event of [
      ev("session.created", "s1", { scope: ["src/**"] }),
      ev("session.state_change", "s1", { from_state: "created", to_state: "active", reason: "run" }),
      ev("lock.acquired", "s1", { lock_ids: ["l1", "l2"], globs: ["a/**", "b/**"] }),
      ev("lock.released", "s1", { lock_ids: ["l1"] }),
      ev("session.state_change", "s1", { from_state: "active", to_state: "cancelled", reason: "done" }),
      ev("session.closed", "s1", {}),
      ev("session.closed", null, {}),
      ev("gate.decision", "s1", {}),
    ]) foldEvent(facts, event);
    expect(facts.created.get("s1")).toEqual({ scope: ["src/**"] });
    expect(facts.state.get("s1")).toEqual({ to: "cancelled", reason: "done" });
    expect(facts.closed.get("s1")).toBe("2026-01-01T00:00:06.000Z");
    expect([...(facts.locks.get("s1") ?? [])]).toEqual([["l2", "b/**"]]);
    expect(facts.closed.size).toBe(1);
  });
});
