import { expect, test } from "vitest";
import { relativeToRoot } from "../../src/scope/index.ts";

test.each([
  ["/repo", "/repo/src/a.ts", "src/a.ts"],
  ["/repo/", "/repo/src/a.ts", "src/a.ts"],
  ["/repo", "/repo", ""],
  ["/repo", "/repo/a/../b", "b"],
  ["/repo", "/repo/..foo", "..foo"],
  ["/repo", "/repository/a", null],
  ["/repo", "/re", null],
  ["/repo", "/repo/../x", null],
  ["/repo", "/other/a", null],
])("relativeToRoot(%j, %j) is %j", (root, path, expected) => expect(relativeToRoot(root, path)).toBe(expected));
