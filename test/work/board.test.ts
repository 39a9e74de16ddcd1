// The Task Board mirror: rendered exactly (golden file), fingerprinted, hand edits detected.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorState, renderBoard } from "../../src/work/board.ts";
import { REPO_ROOT } from "../helpers/hs.ts";
import { after, mt, wp } from "./records.ts";

const golden = path.join(REPO_ROOT, "test", "fixtures", "work", "TASK_BOARD.golden.md");

const wps = [
  wp("WP-2", {
    title: "Checkout refuses empty carts",
    status: "in_progress",
    priority: 1,
    dependencies: after("WP-2", "WP-1"),
  }),
  wp("WP-1", { title: "Cart totals", status: "done", type: "bug" }),
  wp("WP-3", { title: "Docs", status: "stub", type: "docs", priority: 4 }),
  wp("WP-4", { title: "Dropped idea", status: "cancelled" }),
  wp("WP-5", { title: "Waiting for keys", status: "blocked", priority: 0 }),
];
const mts = [
  mt("MT-002", "WP-2", { name: "refuse empty cart", status: "in_progress", active_session_ids: ["pay"] }),
  mt("MT-003", "WP-2", { name: "docs for checkout", status: "pending" }),
  mt("MT-001", "WP-1", { name: "price x qty", status: "completed" }),
  mt("MT-004", "WP-1", { name: "rounding", status: "skipped" }),
];

describe("renderBoard", () => {
  it("matches the golden file (lanes STUB … CANCELLED, MTs under their packet)", () => {
    const text = renderBoard(wps, mts);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, text);
    expect(text).toBe(fs.readFileSync(golden, "utf8"));
  });

  it("is independent of the order of the records", () => {
    expect(renderBoard([...wps].reverse(), [...mts].reverse())).toBe(renderBoard(wps, mts));
  });
});

describe("mirrorState", () => {
  const text = renderBoard(wps, mts);
  const cases: Array<[string, string | null, string]> = [
    ["absent", null, "canonical_only"],
    ["as written", text, "synchronized"],
    ["a lane edited by hand", text.replace("- **WP-3** Docs", "- **WP-3** Docs (moved to done!)"), "advisory_edit"],
    ["the fingerprint line removed", text.slice(text.indexOf("\n") + 1), "advisory_edit"],
    ["a line appended", `${text}- [x] my own note\n`, "advisory_edit"],
    ["an empty file", "", "advisory_edit"],
  ];
  it.each(cases)("%s -> %s", (_name, input, expected) => {
    expect(mirrorState(input)).toBe(expected);
  });
});
