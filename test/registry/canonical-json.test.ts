import { expect, test } from "vitest";
import { canonicalJson } from "../../src/registry/canonical-json.ts";

test.each([
  ["sorted keys, no spaces", { b: 1, a: [true, null, "x"] }, `{"a":[true,null,"x"],"b":1}`],
  ["nested keys sorted", { z: { y: 1, x: 2 } }, `{"z":{"x":2,"y":1}}`],
  ["undefined members dropped, array holes null", { a: undefined, b: [undefined] }, `{"b":[null]}`],
  ["non-finite numbers are null", { n: NaN, i: Infinity }, `{"i":null,"n":null}`],
  ["bigint as string", { big: 10n }, `{"big":"10"}`],
  ["dates through toJSON", { at: new Date(0) }, `{"at":"1970-01-01T00:00:00.000Z"}`],
  ["unicode escaped as JSON.stringify does", { s: "é\n\u0000" }, `{"s":"é\\n\\u0000"}`],
  ["code-unit key order", { wp_id: 1, workspace_id: 2, B: 3 }, `{"B":3,"workspace_id":2,"wp_id":1}`],
  ["top-level undefined", undefined, "null"],
])("%s", (_name, value, expected) => {
  expect(canonicalJson(value)).toBe(expected);
});
