// What a session may ask its host for about work: reads, and handoffs/iterations (the operation then limits
// them to the session itself). Every other work verb is the operator's.
import { describe, expect, it } from "vitest";
import { insideHsDecision } from "../../src/sandbox/inside-hs.ts";

describe("work requests from inside a session", () => {
  it.each([
    [["wp", "list", "--json"]],
    [["wp", "show", "WP-1"]],
    [["wp", "ready-list"]],
    [["mt", "show", "MT-001"]],
    [["handoff", "list"]],
    [["anchor", "show", "AN-1"]],
    [["handoff", "write", "s1", "--done-text", "x", "--remaining-text", "y"]],
    [["mt", "iterate", "MT-001", "--outcome", "SUCCESS"]],
  ])("allows hs %j", (argv) => {
    expect(insideHsDecision(argv, "s1")).toMatchObject({ allow: true, argv });
  });

  it.each([
    [["wp", "create", "--title", "x"]],
    [["wp", "done", "WP-1"]],
    [["wp", "board"]],
    [["wp", "note", "WP-1", "--text", "x"]],
    [["mt", "add", "WP-1", "--name", "x", "--files-modify", "**"]],
    [["mt", "done", "MT-001"]],
    [["anchor", "note", "AN-1", "--text", "x"]],
  ])("refuses hs %j", (argv) => {
    expect(insideHsDecision(argv, "s1").allow).toBe(false);
  });
});
