import { expect, test } from "vitest";
import { parseSince } from "../../src/registry/fr-since.ts";

const NOW = Date.parse("2026-01-10T12:00:00.000Z");

test.each([
  ["30s", "2026-01-10T11:59:30.000Z"],
  ["10m", "2026-01-10T11:50:00.000Z"],
  ["2h", "2026-01-10T10:00:00.000Z"],
  ["1d", "2026-01-09T12:00:00.000Z"],
  ["1w", "2026-01-03T12:00:00.000Z"],
  ["2026-01-01", "2026-01-01T00:00:00.000Z"],
  ["2026-01-01T10:00:00Z", "2026-01-01T10:00:00.000Z"],
  ["2026-01-01T10:00:00+02:00", "2026-01-01T08:00:00.000Z"],
])("--since %s", (text, expected) => {
  expect(parseSince(text, NOW)).toBe(expected);
});

test.each(["yesterday", "10", "5y", "", "12:00"])("--since %j is refused with HS-USAGE and an example", (text) => {
  expect(() => parseSince(text, NOW)).toThrow(expect.objectContaining({ code: "HS-USAGE", hint: "hs log --since 10m" }));
});
