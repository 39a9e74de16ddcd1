// The compiled front end's config block: built from the same data as the sh shim, written into the binary's
// placeholder only when it fits (else the session gets the sh shim alone).
import { describe, expect, it } from "vitest";
import { FAST_PATH } from "../../src/shim/policy/index.ts";
import { unsafeEnvNames } from "../../src/shim/fast-path-sh.ts";
import { frontEndConfig, patchFrontEnd, shPatternToGlob } from "../../src/shim/front-end.ts";
import { rmFastPathPatterns } from "../../src/shim/rm-fast-path.ts";

const values = { sessionId: "s1", real: "/usr/bin/git", node: "/n", entry: "/e", worktree: "/w/s1", handshakeDir: "/w/.handshake", scope: ["src/**", "my dir/**"], governance: [".GOV/**"], gitConfig: "/g" };
const fields = (buffer: Buffer) => buffer.toString("latin1").split("\0").slice(0, -1);
const placeholder = (size: number) => Buffer.from(`HS-SHIM-CONFIG-PLACEHOLDER/${size}/`);

describe("shPatternToGlob", () => {
  it.each([
    ["'src'/*", "src/*"], ["*", "*"], ["'my dir'/*", "my dir/*"], ["[gG][oO][vV]", "[gG][oO][vV]"], [".[gG]", ".[gG]"], ["'a*b?[c]\\'", "a\\*b\\?\\[c\\]\\\\"],
    ["'it'\\''s'", "it\\'s"], ["''", ""], ["*/.git/*", "*/.git/*"],
  ])("%s -> %s", (sh, glob) => expect(shPatternToGlob(sh)).toBe(glob));
  it.each([["'open"], ["a b"], ["$x"], ["a|b"], ["\"q\""], ["trailing\\"]])("refuses %s", (sh) => expect(() => shPatternToGlob(sh)).toThrow());
});

describe("frontEndConfig", () => {
  it("git: the session's paths, then the lists the sh shim is rendered from", () => {
    const f = fields(frontEndConfig("git", values, "/w/.handshake/sessions/s1/bin/.git.sh"));
    expect(f.slice(0, 6)).toEqual(["hs-shim-config@1", "git", "/usr/bin/git", "/w/.handshake/sessions/s1/bin/.git.sh", "/w/s1", "/g"]);
    const names = unsafeEnvNames();
    expect(f.slice(6, 7 + names.length)).toEqual([String(names.length), ...names]);
    const text = f.join("\n");
    for (const list of [FAST_PATH.globalOptions, FAST_PATH.subcommands, FAST_PATH.unsafeArgPatterns]) expect(text).toContain([String(list.length), ...list].join("\n"));
    expect(f.at(-1)).toBe("end");
  });
  it("rm: its scope and slow patterns, as globs", () => {
    const f = fields(frontEndConfig("rm", values, "/sh")).join("\n");
    const rm = rmFastPathPatterns(values.scope, values.governance);
    expect(f).toContain([String(rm.scope.length), ...rm.scope.map(shPatternToGlob)].join("\n"));
    expect(f).toContain([String(rm.slow.length), ...rm.slow.map(shPatternToGlob)].join("\n"));
    expect(f).toContain("my dir/*");
  });
  it("refuses a NUL byte in any field", () => {
    expect(() => frontEndConfig("git", { ...values, worktree: "/w/\0x" }, "/sh")).toThrow(/NUL/);
  });
});

describe("patchFrontEnd", () => {
  const binary = Buffer.concat([Buffer.from("ELF..."), placeholder(64), Buffer.alloc(64 - placeholder(64).length), Buffer.from("tail")]);
  it("writes the config over the placeholder and zeroes the rest of it", () => {
    const out = patchFrontEnd(binary, Buffer.from("abc\0"))!;
    expect(out.length).toBe(binary.length);
    expect(out.subarray(6, 10).toString("latin1")).toBe("abc\0");
    expect(out.subarray(10, 70).every((byte) => byte === 0)).toBe(true);
    expect(out.subarray(70).toString()).toBe("tail");
  });
  it("undefined when the config does not fit, or the placeholder is missing or twice there", () => {
    expect(patchFrontEnd(binary, Buffer.alloc(64, 1))).toBeUndefined();
    expect(patchFrontEnd(Buffer.from("no placeholder"), Buffer.from("a\0"))).toBeUndefined();
    expect(patchFrontEnd(Buffer.concat([binary, binary]), Buffer.from("a\0"))).toBeUndefined();
    expect(patchFrontEnd(placeholder(64), Buffer.from("a\0"))).toBeUndefined();
  });
});
