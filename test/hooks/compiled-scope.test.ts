// The sh fast path compiles scope and governance into git pathspecs (templates/hooks/lib.sh). Held here against
// the Node check (micromatch) on real git: for every scope the library accepts, no path the Node check refuses
// may be cleared by git's pathspecs — git may only be stricter (then the hook runs the full check).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/install/install.ts";
import { LIB_NAME, renderHook } from "../../src/install/render.ts";
import { createPathMatcher } from "../../src/scope/matcher.ts";
import { createGovernanceMatcher } from "../../src/scope/governance.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";

const GOVERNANCE = [".handshake/gov/**", ".GOV/**", "src/gov/**"];
const DIRS = ["src", "SRC", "src2", ".hidden", "d.ts", "*", "a*b", "é", "gov", ".handshake", ".gov", ".handsha\u212Ae", "deep"];
const FILES = ["a.ts", ".ts", "x", "b.tsx", "a*b.ts", "?", "[x].ts", "é.ts", "\u212Aa.ts", "a\\b.ts", "x y.ts", "README.md", "src.ts", "ts"];
const SEGMENTS = ["src", "SRC", "*", "**", "*.ts", "a*", "*a*", "*.tsx", ".hidden", "d.ts", "deep", "gov", "é", "?", "[ab]", "{a,b}", "a**", "!src", "*b*"];

let repo: TempRepo;
let lib: string;
const paths: string[] = [];

beforeAll(() => {
  repo = makeTempRepo({ commit: false });
  lib = path.join(repo.dir, LIB_NAME);
  fs.writeFileSync(lib, renderHook(loadTemplates(), { hook: LIB_NAME, chainDir: "/none", node: "node", entry: ["hs.js"], hooksDir: repo.dir, mainRoot: repo.root }));
  const blob = repo.git(["hash-object", "-w", "--stdin"], { input: "x\n" }).stdout.trim();
  const grow = (prefix: string, depth: number): void => {
    for (const file of FILES) paths.push(prefix + file);
    if (depth > 0) for (const dir of DIRS) grow(`${prefix}${dir}/`, depth - 1);
  };
  grow("", 2);
  repo.git(["update-index", "-z", "--index-info"], { input: paths.map((p) => `100644 ${blob}\t${p}\0`).join("") });
});
afterAll(() => repo?.cleanup());

/** What the library makes of a marker with this scope: undefined when it declines (full check), else git's two lists. */
function compiled(scope: string[], protectedBranches = ["main", "release/*"]): { outside: Set<string>; flagged: Set<string> } | undefined {
  const marker = path.join(repo.dir, "hs-session.json");
  // the layout src/registry/markers.ts writes (JSON.stringify(value, null, 2)), key order included
  const value = {
    schema: "hs.session-marker@1",
    session_id: "s1",
    workspace_id: "w",
    handshake_dir: "/h",
    worktree: repo.root,
    branch: "hs/s1/work",
    ref_namespace: "refs/heads/hs/s1/",
    scope,
    governance: GOVERNANCE,
    protected_branches: protectedBranches,
    target_branch: "main",
  };
  fs.writeFileSync(marker, JSON.stringify(value, null, 2) + "\n");
  const script = `. "$1"; hs_load "$2" && [ -n "$hs_exact" ] || exit 3; hs_odd; set -f; IFS=$hs_nl
    hs_diff "--name-only\${hs_nl}-z" index . $hs_scope || exit 4; printf '\\001'
    hs_diff "--name-only\${hs_nl}-z" index $hs_gov $hs_odd || exit 4`;
  const result = spawnSync("sh", ["-c", script, "sh", lib, marker], { cwd: repo.root, env: cleanEnv(), encoding: "utf8" });
  if (result.status === 3) return undefined;
  if (result.status !== 0) throw new Error(`lib.sh failed (${result.status}): ${result.stderr}`);
  const [outside = "", flagged = ""] = result.stdout.split("\x01");
  return { outside: new Set(outside.split("\0").filter(Boolean)), flagged: new Set(flagged.split("\0").filter(Boolean)) };
}

/** Paths the Node check refuses that git's pathspecs would clear. */
function cleared(scope: string[]): string[] | undefined {
  const git = compiled(scope);
  if (!git) return undefined;
  const inScope = createPathMatcher(scope);
  const governance = createGovernanceMatcher(GOVERNANCE);
  return paths.filter((p) => (governance(p) || !inScope(p)) && !git.outside.has(p) && !git.flagged.has(p));
}

describe("scope globs compiled to git pathspecs (the Node-free hook pass)", () => {
  it.each([[["src/**"]], [["src/**/*.ts"]], [["src/*.ts"]], [["**/*.ts"]], [["src"]], [["*"]], [["**"]], [["src/**/a*", "deep/*.tsx"]], [["d.ts"]]])(
    "%j is compiled and never clears a path the Node check refuses",
    (scope) => {
      expect(cleared(scope)).toEqual([]);
    },
  );

  it("clears what it models: src/**/*.ts passes plain .ts files at any depth and leaves odd names to Node", () => {
    const git = compiled(["src/**/*.ts"]);
    expect(git).toBeDefined();
    for (const p of ["src/a.ts", "src/deep/a.ts", "src/.hidden/.ts", "src/d.ts/a.ts"]) expect(git!.outside.has(p) || git!.flagged.has(p), p).toBe(false);
    for (const p of ["src/b.tsx", "README.md", "SRC/a.ts", "src2/a.ts"]) expect(git!.outside.has(p), p).toBe(true);
    for (const p of ["src/*/a.ts", "src/a*b.ts", "src/é.ts", "src/\u212Aa.ts", "src/gov/a.ts", ".gov/a.ts"]) expect(git!.flagged.has(p), p).toBe(true);
  });

  it.each([["src/?.ts"], ["src/[ab].ts"], ["src/{a,b}.ts"], ["!src/**"], ["src/a**"], ["é/**"], ["src/**x"], ["./src"], ["src//a"]])(
    "%s is declined: the hook runs the full Node check",
    (glob) => {
      expect(compiled([glob])).toBeUndefined();
    },
  );

  it.each([[["hs/**"]], [["hs"]], [["refs/heads/hs/s1/work"]], [["*"]], [["h*/x"]], [["{hs,x}/y"]]])(
    "protected branches %j could name the session's own refs: declined (the Node check decides)",
    (protectedBranches) => {
      expect(compiled(["src/**"], protectedBranches)).toBeUndefined();
      expect(compiled(["src/**"], ["main", "release/*", "v1.x"])).toBeDefined();
    },
  );

  it("property: any scope from glob segments the library accepts never clears a refused path", () => {
    const glob = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }).map((segments) => segments.join("/"));
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 2 }), (scope) => {
        const miss = cleared(scope);
        if (miss !== undefined) accepted += 1;
        expect(miss ?? []).toEqual([]);
      }),
      { numRuns: 120, seed: 15 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});
