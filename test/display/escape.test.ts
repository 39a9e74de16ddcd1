// Text from a session shown to the operator: control and bidi characters become visible escapes.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { displaySafe, hasUnsafe, shellWordSafe } from "../../src/display/escape.ts";
import { shQuote } from "../../src/shim/shell-quote.ts";

describe("displaySafe", () => {
  it.each([
    ["git status", "git status"],
    ["a\u001b[2K\rgit status", "a\\e[2K\\rgit status"],
    ["x\by\u0007z\u007f", "x\\by\\x07z\\x7f"],
    ["\u009b31m", "\\x9b31m"],
    ["safe \u202eexe.txt", "safe \\u{202e}exe.txt"],
    ["\u2066a\u2069 \u200fb", "\\u{2066}a\\u{2069} \\u{200f}b"],
    ["line\nnext\ttab", "line\\nnext\\ttab"],
    ["back\\slash", "back\\\\slash"],
    ["ünïcödé ✓", "ünïcödé ✓"],
  ])("%j -> %s", (raw, shown) => {
    expect(displaySafe(raw)).toBe(shown);
    expect(displaySafe(raw)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  });

  it("hasUnsafe", () => {
    expect(hasUnsafe("plain")).toBe(false);
    expect(hasUnsafe("a\rb")).toBe(true);
    expect(hasUnsafe("a\u202eb")).toBe(true);
  });
});

describe("shellWordSafe", () => {
  it("quotes plain words as sh does and unsafe ones as bash $'…' that paste back to the same bytes", () => {
    expect(shellWordSafe("src/a.ts", shQuote)).toBe("src/a.ts");
    expect(shellWordSafe("two words", shQuote)).toBe("'two words'");
    for (const word of ["a\u001b[2K\rgit status", "it's\u202e\\x", "tab\there\nnl\u0007"]) {
      const shown = shellWordSafe(word, shQuote);
      expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/u);
      const back = execFileSync("/bin/bash", ["-c", `printf %s ${shown}`], { encoding: "utf8" });
      expect(back).toBe(word);
    }
  });
});
