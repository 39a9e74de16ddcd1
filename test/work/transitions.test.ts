// The WP and MT transition tables, cell by cell, and the refusal that lists the allowed moves.
import { describe, expect, it } from "vitest";
import { WP_STATUSES, type WorkPacketStatus } from "../../src/work/wp-model.ts";
import { MT_STATUSES, type MtStatus } from "../../src/work/mt-model.ts";
import { assertMtMove, assertWpMove, mtMoveAllowed, wpMoveAllowed } from "../../src/work/transitions.ts";
import { HsError } from "../../src/errors.ts";

const WP_ALLOWED: Record<WorkPacketStatus, WorkPacketStatus[]> = {
  stub: ["ready", "cancelled"],
  ready: ["in_progress", "blocked", "cancelled"],
  in_progress: ["blocked", "gated", "cancelled"],
  blocked: ["in_progress", "ready", "cancelled"],
  gated: ["done", "in_progress", "cancelled"],
  done: [],
  cancelled: [],
};

const MT_ALLOWED: Record<MtStatus, MtStatus[]> = {
  pending: ["in_progress", "skipped"],
  in_progress: ["completed", "failed", "blocked", "skipped"],
  blocked: ["in_progress", "failed", "skipped"],
  failed: ["in_progress", "skipped"],
  completed: [],
  skipped: [],
};

describe("work packet transition table", () => {
  const cells = WP_STATUSES.flatMap((from) =>
    WP_STATUSES.map((to) => [from, to, WP_ALLOWED[from].includes(to)] as const),
  );
  it.each(cells)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(wpMoveAllowed(from, to)).toBe(allowed);
  });

  it("a refused move names the allowed ones as pasteable commands", () => {
    const error = (() => {
      try {
        assertWpMove("WP-1", "ready", "done");
      } catch (caught) {
        return caught as HsError;
      }
    })();
    expect(error?.code).toBe("HS-STATE-TRANSITION");
    expect(error?.message).toContain("allowed from ready: in_progress, blocked, cancelled");
    expect(error?.hint).toBe(
      "hs wp start WP-1   or   hs wp block WP-1 --reason 'what it waits for'   or   hs wp cancel WP-1",
    );
  });

  it("final states say so", () => {
    expect(() => assertWpMove("WP-1", "done", "in_progress")).toThrow(/none, it is final/);
  });
});

describe("micro-task transition table", () => {
  const cells = MT_STATUSES.flatMap((from) =>
    MT_STATUSES.map((to) => [from, to, MT_ALLOWED[from].includes(to)] as const),
  );
  it.each(cells)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(mtMoveAllowed(from, to)).toBe(allowed);
  });

  it("a refused move lists the verbs", () => {
    expect(() => assertMtMove("MT-001", "pending", "completed")).toThrow(
      expect.objectContaining({ code: "HS-STATE-TRANSITION", hint: "hs mt start MT-001   or   hs mt skip MT-001" }),
    );
  });
});
