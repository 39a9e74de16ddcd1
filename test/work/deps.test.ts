// Dependencies: cycles refused, ready work ordered by priority then age, blocked until blockers are done.
import { describe, expect, it } from "vitest";
import { cycleWith, readyList, type Edge } from "../../src/work/deps.ts";
import { planWpMove } from "../../src/work/wp-move.ts";
import { after, wp } from "./records.ts";

const e = (from: string, to: string): Edge => ({ from, to });

describe("cycleWith", () => {
  const cases: Array<[string, Edge[], Edge, string[] | null]> = [
    ["self dependency", [], e("A", "A"), ["A", "A"]],
    ["first edge", [], e("B", "A"), null],
    ["two-cycle", [e("B", "A")], e("A", "B"), ["A", "B", "A"]],
    ["three-cycle", [e("A", "B"), e("B", "C")], e("C", "A"), ["C", "A", "B", "C"]],
    ["diamond is not a cycle", [e("A", "B"), e("A", "C"), e("B", "D")], e("C", "D"), null],
    ["parallel edge is not a cycle", [e("A", "B")], e("A", "B"), null],
    [
      "long chain closed",
      [e("A", "B"), e("B", "C"), e("C", "D"), e("D", "E")],
      e("E", "A"),
      ["E", "A", "B", "C", "D", "E"],
    ],
    ["unrelated component", [e("X", "Y")], e("A", "B"), null],
  ];
  it.each(cases)("%s", (_name, edges, edge, expected) => {
    expect(cycleWith(edges, edge)).toEqual(expected);
  });
});

describe("readyList", () => {
  const t = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
  const wps = [
    wp("WP-old-p2", { priority: 2, created_at: t(1) }),
    wp("WP-new-p2", { priority: 2, created_at: t(5) }),
    wp("WP-p0", { priority: 0, created_at: t(9) }),
    wp("WP-running", { priority: 1, status: "in_progress", created_at: t(3) }),
    wp("WP-stub", { priority: 0, status: "stub" }),
    wp("WP-gated", { priority: 0, status: "gated" }),
    wp("WP-waits", { priority: 0, dependencies: after("WP-waits", "WP-old-p2") }),
    wp("WP-after-done", { priority: 3, dependencies: after("WP-after-done", "WP-finished") }),
    wp("WP-finished", { status: "done" }),
  ];
  it("ready and in-progress work whose blockers are done, priority first, then age", () => {
    expect(readyList(wps).map((w) => w.wp_id)).toEqual([
      "WP-p0",
      "WP-running",
      "WP-old-p2",
      "WP-new-p2",
      "WP-after-done",
    ]);
  });
  it("paginates", () => {
    expect(readyList(wps, 2).map((w) => w.wp_id)).toEqual(["WP-p0", "WP-running"]);
  });
});

describe("planWpMove", () => {
  const ctx = {
    all: [wp("WP-1", { dependencies: after("WP-1", "WP-0") }), wp("WP-0", { status: "in_progress" })],
    openMts: [],
    by: "operator",
    now: "2026-01-02T00:00:00.000Z",
  };
  it("start waits for open blockers", () => {
    expect(() => planWpMove(ctx.all[0]!, "in_progress", ctx)).toThrow(
      expect.objectContaining({ code: "HS-WORK-BLOCKED", hint: "hs wp show WP-0" }),
    );
  });
  it("gate and done need every micro-task completed or skipped", () => {
    expect(() => planWpMove(wp("WP-2", { status: "in_progress" }), "gated", { ...ctx, openMts: ["MT-004"] })).toThrow(
      expect.objectContaining({ code: "HS-WP-OPEN-MTS" }),
    );
  });
  it("done passes the post-work gate and stamps completion", () => {
    const done = planWpMove(wp("WP-3", { status: "gated" }), "done", ctx);
    expect(done).toMatchObject({
      status: "done",
      task_board_status: "DONE",
      version: 2,
      completed_at: ctx.now,
      gates: { post_work: { status: "pass", validated_by: "operator" } },
    });
  });
});
