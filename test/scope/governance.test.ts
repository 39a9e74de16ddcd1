import { expect, test } from "vitest";
import { DEFAULT_GOVERNANCE, isGovernancePath } from "../../src/scope/index.ts";

test.each([
  [".handshake/gov/policy.md", true],
  [".handshake/gov/a/b.json", true],
  [".GOV/x", true],
  [".GOV", true],
  [".handshake/workspace.json", false],
  [".gov/x", false],
  ["src/.GOV/x", false],
  ["./.GOV/x", true],
  ["src/../.GOV/x", true],
  [".GOVERNANCE/x", false],
])("%j is governance: %s", (path, expected) => expect(isGovernancePath(path, DEFAULT_GOVERNANCE)).toBe(expected));

test.each([
  ["policy/a.md", ["policy"], true],
  ["policy/a.md", [], false],
])("%j in %j is governance: %s", (path, governance, expected) => expect(isGovernancePath(path, governance)).toBe(expected));
