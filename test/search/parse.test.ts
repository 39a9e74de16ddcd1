// Pure: git grep -n --null output as bounded snippet references.
import { describe, expect, it } from "vitest";
import { EXCERPT_CHARS, parseGrep } from "../../src/search/parse.ts";

describe("parseGrep", () => {
  it("reads path, line and excerpt; stops at max and says there was more", () => {
    const out = "a.ts\x001\x00needle one\nb/c d.ts\x0012\x00  needle: two\r\n";
    expect(parseGrep(out, 10)).toEqual({ hits: [{ path: "a.ts", line: 1, excerpt: "needle one" }, { path: "b/c d.ts", line: 12, excerpt: "  needle: two" }], more: false });
    expect(parseGrep(out, 1)).toEqual({ hits: [{ path: "a.ts", line: 1, excerpt: "needle one" }], more: true });
  });

  it("cuts long lines and treats a record cut by the output limit as more", () => {
    const long = `x.ts\x003\x00${"y".repeat(500)}\nz.ts\x004\x00par`;
    const { hits, more } = parseGrep(long, 10);
    expect(hits[0]!.excerpt).toHaveLength(EXCERPT_CHARS + 1);
    expect(hits[0]!.excerpt.endsWith("…")).toBe(true);
    expect([hits.length, more]).toEqual([1, true]);
  });
});
