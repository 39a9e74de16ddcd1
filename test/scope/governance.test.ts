import { expect, test } from "vitest";
import { DEFAULT_GOVERNANCE, isGovernancePath } from "../../src/scope/index.ts";

test.each([
  [".handshake/gov/policy.md", true],
  [".handshake/gov/a/b.json", true],
  [".GOV/x", true],
  [".GOV", true],
  [".handshake/workspace.json", false],
  // case-insensitive (class 9): a case-insensitive checkout writes .GOV/policy.md for .gov/policy.md
  [".gov/x", true],
  [".Gov/policy.md", true],
  [".HANDSHAKE/GOV/wp.json", true],
  ["src/.GOV/x", false],
  ["./.GOV/x", true],
  ["src/../.GOV/x", true],
  [".GOVERNANCE/x", false],
])("%j is governance: %s", (path, expected) => expect(isGovernancePath(path, DEFAULT_GOVERNANCE)).toBe(expected));

test.each([
  ["policy/a.md", ["policy"], true],
  ["policy/a.md", [], false],
])("%j in %j is governance: %s", (path, governance, expected) => expect(isGovernancePath(path, governance)).toBe(expected));

test.each([
  // Unicode: NFC and NFD spellings of one name are one governance path, whichever form the glob uses
  ["gouvernance/r\u00e8gle.md", ["gouvernance/r\u00e8gle.md"], true],
  ["gouvernance/re\u0300gle.md", ["gouvernance/r\u00e8gle.md"], true],
  ["gouvernance/r\u00e8gle.md", ["gouvernance/re\u0300gle.md"], true],
  ["Gouvernance/R\u00c8GLE.md", ["gouvernance/r\u00e8gle.md"], true],
  ["gouvernance/regle.md", ["gouvernance/r\u00e8gle.md"], false],
  ["\u00e9tat/x", ["\u00c9TAT/**"], true],
])("unicode %j in %j is governance: %s", (path, governance, expected) => expect(isGovernancePath(path, governance)).toBe(expected));
