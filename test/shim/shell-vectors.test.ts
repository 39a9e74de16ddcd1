// guard-shell.json through real shells behind s1's gate on the hs fixture: every case the shim layer is
// named for is stopped by hs (the gate; for sh-046 the pre-commit hook) (hs: deny/ask on stderr, non-zero exit, no approval given), and the
// other session's worktree, the main checkout and the stashes are left byte-identical. The allow cases run.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHsFixture, VECTORS_DIR, type HsFixture } from "./hs-fixture.ts";
import { gated, treeHash } from "./session-shell.ts";

interface ShellVector {
  id: string;
  command: string;
  cwd_rel: string;
  expect: "allow" | "deny";
  layers: string[];
  why: string;
}

const vectors = JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, "guard-shell.json"), "utf8")) as ShellVector[];
const shimCases = vectors.filter((v) => v.expect === "deny" && v.layers.includes("shim"));
// sh-061 (`npm test`) is not a git/rm case; the fixture has no test script.
const allowCases = vectors.filter((v) => v.expect === "allow" && v.id !== "sh-061");
let fx: HsFixture;

beforeAll(() => {
  fx = buildHsFixture();
  // State some cases name in their comments: a Makefile recipe, a plain alias, a file to copy.
  fs.writeFileSync(path.join(fx.s1, "Makefile"), "clean:\n\trm -rf ../s2/dist\n");
  fs.mkdirSync(path.join(fx.s2, "dist"), { recursive: true });
  fs.writeFileSync(path.join(fx.s2, "dist", "keep.js"), "s2 build output\n");
  fs.appendFileSync(path.join(fx.main, ".git", "config"), "[alias]\n\tsync = reset --hard\n");
  fs.writeFileSync("/tmp/mine.md", "rewritten governance\n");
});
afterAll(() => fx?.cleanup());

// s1's own state in the common dir (its index, HEAD, branch, reflogs) and new objects may change; nothing else.
const S1_STATE = /^\.git\/(objects|worktrees\/s1|refs\/heads\/hs\/s1|logs\/refs\/heads\/hs\/s1)/;

function outside(): string {
  return [treeHash(fx.s2), treeHash(fx.main, (relative) => S1_STATE.test(relative)), fs.readFileSync(path.join(fx.main, ".git", "logs", "refs", "stash"), "utf8")].join("|");
}

describe("guard-shell.json, shim layer, through real gated shells", () => {
  // Allowed cases first: the deny cases leave s1 in whatever state their allowed first halves produce.
  it.each(allowCases.map((v) => [v.id, v] as const))("%s runs", (_id, v) => {
    const result = gated("s1", v.command, { cwd: path.join(fx.s1, v.cwd_rel) });
    expect(result.code, `${v.command}: ${result.stderr}`).toBe(0);
    expect(result.stderr).not.toMatch(/hs: (deny|ask)/);
  });
  it.each(shimCases.map((v) => [v.id, v] as const))("%s is stopped by the gate", (_id, v) => {
    const before = outside();
    const result = gated("s1", v.command.replace(/\s+#.*$/, ""), { cwd: path.join(fx.s1, v.cwd_rel), env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(result.code, `${v.command}: ${result.stderr}`).not.toBe(0);
    // sh-046's `git add -A` is allowed by the gate (argv vector git-write-002); the pre-commit hook stops it.
    expect(result.stderr, v.command).toMatch(v.id === "sh-046" ? /hs: pre-commit refused[\s\S]*HS-GOVERNANCE-PATH/ : /hs: (deny|ask) \[/);
    expect(outside(), `${v.command} changed another worktree, the main checkout or the stashes`).toBe(before);
  });
});
