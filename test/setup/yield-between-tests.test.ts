// The setup file must pass through the event loop between tests (see yield-between-tests.ts): an immediate
// scheduled by a test that never awaits has run by the time the next test starts.
import { describe, expect, it } from "vitest";

describe("the worker's event loop turns between tests", () => {
  let ran = false;
  it("schedules an immediate and returns synchronously", () => {
    setImmediate(() => (ran = true));
    expect(ran).toBe(false);
  });
  it("finds it run", () => {
    expect(ran).toBe(true);
  });
});
