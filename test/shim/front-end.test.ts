// Differential test of the compiled shim front end (src/shim/front-end.c) against the sh shim (templates/shim/):
// over every argv gate vector, every FAST_PATH form and crafted argv/environment/directory edge cases, the front
// end takes the fast path exactly when the sh shim does, and then the real binary gets the same arguments,
// directory and environment; every other call reaches the sh shim unchanged. Needs dist/hs-shim (a C compiler).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_PATH } from "../../src/shim/policy/index.ts";
import { TOLERATED_VALUES, unsafeEnvNames } from "../../src/shim/fast-path-sh.ts";
import { compiledFrontEnd } from "../../src/shim/front-end.ts";
import { argvVectors, buildHsFixture, type HsFixture } from "./hs-fixture.ts";
import { buildHarness, normalised, type Harness, type Word } from "./front-end-harness.ts";

interface Case {
  name: string;
  variant: "git" | "rm" | "rm-narrow";
  argv: Word[] | null;
  /** relative to the fixture's root (…/fx), or a function preparing a directory and returning its path */
  cwd?: string | ((fx: HsFixture) => string);
  /** added to the base environment (PATH, HOME, PWD, LANG), or with `rawEnv` the whole environment */
  env?: Word[] | ((cwd: string) => Word[]);
  rawEnv?: boolean;
  /** the launcher removes the directory before it runs the shim */
  rmdir?: boolean;
  /** the front end hands this call to the sh shim whatever it decides (then the chain must equal the sh shim) */
  handsOff?: boolean;
}

const VARIANTS = [
  { name: "git", tool: "git", scope: ["**"], governance: [".handshake/gov/**", ".GOV/**"] },
  { name: "rm", tool: "rm", scope: ["**"], governance: [".handshake/gov/**", ".GOV/**"] },
  { name: "rm-narrow", tool: "rm", scope: ["src/**", "docs", "my dir/**", "*.md", "src/*.ts"], governance: [".GOV/**", "src/lib/**", "**/secret", "docs/*.md"] },
] as const;

let fx: HsFixture;
let harness: Harness;

const cwdOf = (c: Case) => (typeof c.cwd === "function" ? c.cwd(fx) : path.join(fx.dir, c.cwd ?? "wts/s1"));
const baseEnv = (cwd: string): Word[] => ["PATH=/usr/bin:/bin", "HOME=/nonexistent", `PWD=${cwd}`, "LANG=C.UTF-8"];

function runCase(c: Case, front: "sh" | "c" | "both") {
  const cwd = cwdOf(c);
  const extra = typeof c.env === "function" ? c.env(cwd) : (c.env ?? []);
  return harness.run(c.variant, front, c.argv, cwd, c.rawEnv ? extra : [...baseEnv(cwd), ...extra], c.rmdir);
}

/**
 * The front end alone (handing off to a stand-in) against the sh shim alone; with `chain`, also the whole chain
 * (front end, then the sh shim when it hands off) against the sh shim alone.
 */
async function compare(c: Case, chain = false): Promise<void> {
  chain ||= c.handsOff === true;
  const [sh, front, both] = await Promise.all([runCase(c, "sh"), runCase(c, "c"), chain ? runCase(c, "both") : undefined]);
  expect(["fast", "slow"], `sh shim: ${sh.raw}`).toContain(sh.kind);
  expect(front.kind, `front end: ${front.raw}`).toBe(sh.kind === "fast" && !c.handsOff ? "fast" : "delegated");
  if (!c.handsOff) expect(front.code).toBe(sh.code);
  if (front.kind === "fast") expect(normalised(front)).toEqual(normalised(sh));
  if (!both) return;
  expect(both.kind, both.raw).toBe(sh.kind);
  expect(both.code).toBe(sh.code);
  expect(normalised(both)).toEqual(normalised(sh));
}

const vectors = argvVectors().filter((v) => v.argv[0] === "git" || v.argv[0] === "rm");
const vectorCases: Case[] = vectors.flatMap((v): Case[] => {
  const base = { argv: v.argv.slice(1), cwd: path.join("wts/s1", v.cwd_rel) };
  return v.argv[0] === "git" ? [{ name: v.id, variant: "git", ...base }] : [{ name: v.id, variant: "rm", ...base }, { name: `${v.id} (narrow scope)`, variant: "rm-narrow", ...base }];
});

const formCases: Case[] = [
  ...FAST_PATH.subcommands.flatMap((s) => [[s], ...FAST_PATH.globalOptions.map((g) => [g, s]), [s, "--stat"], [s, "--output=x"], [s, "--", "../x"], [s, "-Ovi"], [s, "HEAD..main"], [s, "a/../../b"]]),
  ...FAST_PATH.listingForms.flatMap((f) => {
    const head = [f.subcommand, ...("second" in f ? [f.second] : [])];
    return [head, ...f.allowedArgs.map((a) => [...head, a]), [...head, ...f.allowedArgs], [...head, "x"], [...head, "--"], ["-P", ...head, f.allowedArgs[0]!]];
  }),
].map((argv) => ({ name: argv.join(" "), variant: "git", argv }));

const byte = (b: number) => Buffer.from([b]);
const cat = (...parts: Word[]) => Buffer.concat(parts.map((part) => Buffer.from(part)));
// dash marks its own syntax with bytes 0x81-0x88 inside strings: all of that range, and a sample of the rest.
const HIGH = [...Array.from({ length: 16 }, (_, i) => i + 0x80), 0xa0, 0xc0, 0xc3, 0xe2, 0xef, 0xf0, 0xfe, 0xff];
const LOW = [1, 9, 10, 13, 27, 31, 32, 34, 39, 42, 45, 46, 47, 61, 63, 91, 92, 93, 127];

const argvCases: Case[] = [
  ...[
    [], [""], ["--"], ["--", "status"], ["status", "--"], ["status", "--", "--output=x"], ["-P"], ["-P", "-P", "--no-pager", "status"], ["status", "-P"], ["status", ""],
    ["stash"], ["stash", "list", "extra"], ["stash", "show", "stash@{3}"], ["stash", "show"], ["stash", "", "--stat"], ["branch", "-v", "-D"], ["branch", "--list", "x"],
    ["worktree"], ["worktree", "list"], ["tag"], ["tag", "v1"], ["remote"], ["remote", "add", "x", "y"], ["STATUS"], ["status\n"], [" status"], ["status "],
    ["-c", "x=y", "status"], ["--git-dir=.git", "status"], ["--paginate", "status"], ["-p", "log"], ["--no-optional-locks", "--literal-pathspecs", "--no-replace-objects", "diff"],
    ["log", "-"], ["log", "--O"], ["log", "-o"], ["log", "--no-index"], ["log", "--no-i"], ["log", "--conte"], ["log", "--cont"], ["log", "a..b"], ["log", "a..b/c"],
    ["log", "x=/y"], ["log", "x=.."], ["log", "x=../y"], ["log", ".."], ["log", "../"], ["log", "./.."], ["log", "HEAD...main"], ["log", "-X"], ["log", "--e"],
    ["log", "--u"], ["log", "-O"], ["diff", "--no-ext-diff"], ["show", "HEAD:../x"], ["log", "--format=%h /x"], ["log", "*"], ["log", "[a]"], ["log", "\\"],
    ["!"], ["("], ["stash", "!"], ["stash", "("], ["stash", "="], ["stash", "-n"], ["branch", "!"],
  ].map((argv) => ({ name: JSON.stringify(argv), variant: "git" as const, argv })),
  { name: "no argv[0] at all", variant: "git", argv: null },
  { name: "a 120 kB argument", variant: "git", argv: ["log", "a".repeat(120_000)] },
  { name: "a 120 kB unsafe argument", variant: "git", argv: ["log", `${"a".repeat(120_000)}=/x`] },
  { name: "2,000 arguments", variant: "git", argv: ["log", ...Array.from({ length: 2000 }, () => "-p")] },
  { name: "2,000 allowed listing words", variant: "git", argv: ["branch", ...Array.from({ length: 2000 }, () => "-v")] },
  ...[...LOW, ...HIGH].flatMap((b) => [
    { name: `byte ${b} alone`, variant: "git" as const, argv: ["log", byte(b)] },
    { name: `byte ${b} after --o`, variant: "git" as const, argv: ["log", cat("--o", byte(b))] },
    { name: `byte ${b} around ..`, variant: "git" as const, argv: ["log", cat(byte(b), "..", byte(b), "/x")] },
    { name: `byte ${b} in the subcommand`, variant: "git" as const, argv: [cat("status", byte(b))] },
  ]),
];

const tolerated = Object.entries(TOLERATED_VALUES);
const envCases: Case[] = [
  ...unsafeEnvNames().flatMap((name) => [`${name}=`, `${name}=/dev/null`].map((entry) => ({ name: entry, variant: "git" as const, argv: ["status"], env: [entry] }))),
  ...tolerated.flatMap(([name, values]) =>
    [...values, "hs-unset", "set:", ":", " cat", "cat ", "CAT", "/dev/null/", "/dev/nul", "less  -R", "less -R ", "x", "''"].map((value) => ({ name: `${name}=${value}`, variant: "git" as const, argv: ["status"], env: [`${name}=${value}`] })),
  ),
  ...[
    ["GIT_PAGER=evil", "GIT_PAGER=cat"], ["GIT_PAGER=cat", "GIT_PAGER=evil"], ["GIT_DIR=x", "GIT_DIR=y"], ["GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_GLOBAL="],
    ["GIT_CONFIG_GLOBAL=", "GIT_CONFIG_GLOBAL=/dev/null"], ["GIT_DIR.x=1"], ["1GIT_DIR=1"], ["GIT_DIR"], ["=x"], ["GIT_DIR =x"], [" GIT_DIR=x"], ["git_dir=x"],
    ["GIT_CONFIG_KEY_0=core.pager"], ["GIT_CONFIG_VALUE_0=x"], ["GIT_CONFIG_KEY_99=x"], ["GIT_TRACE_NEW_THING=1"], ["GIT_TRACE2_EVENT=/tmp/t"], ["GIT_CONFIG_COUNT=0"],
    ["GIT_PAGER=\xff"], [cat("GIT_PAGER=", byte(0xff))], [cat("GIT_EDITOR=vi", byte(0x81))], ["GIT_CONFIG_GLOBAL=/dev/null"], ["HS_HOST_SOCKET=/nonexistent"],
    ["IFS=x"], ["OPTIND=7"], ["PPID=1"], ["OLDPWD=/elsewhere"], ["X=1", "X=2"], ["PATH=/bin", "PATH=/usr/bin:/bin"], ["E="], [`BIG=${"v".repeat(100_000)}`, "GIT_PAGER=cat"],
    ["GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS=false"], ["GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS=1", "GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS=2"],
  ].map((env) => ({ name: JSON.stringify(env.map(String)).slice(0, 100), variant: "git" as const, argv: ["status"], env })),
  { name: "an empty environment", variant: "git", argv: ["status"], env: [], rawEnv: true },
  { name: "no PWD", variant: "git", argv: ["status"], env: ["PATH=/usr/bin:/bin"], rawEnv: true },
  { name: "a relative PWD", variant: "git", argv: ["status"], env: ["PWD=."], rawEnv: true },
  { name: "a bogus PWD", variant: "git", argv: ["status"], env: ["PWD=/nonexistent"], rawEnv: true },
  { name: "PWD with . and ..", variant: "git", argv: ["status"], env: (cwd) => [`PWD=${cwd}/./src/..`] },
  { name: "PWD naming the directory through a symlink", variant: "git", argv: ["status"], cwd: "wts/s1/src", env: (cwd) => [`PWD=${cwd.replace("/s1/", "/s1/link-dir/../")}`] },
  { name: "PWD twice", variant: "git", argv: ["status"], env: (cwd) => ["PWD=/nonexistent", `PWD=${cwd}`] },
  { name: "rm with odd PWD and IFS", variant: "rm", argv: ["-f", "scratch.txt"], env: ["PWD=/", "IFS=-", "OPTIND=3"], rawEnv: true },
];

function link(fx: HsFixture, name: string, target: string): string {
  const file = path.join(fx.dir, name);
  if (!fs.existsSync(file)) fs.symlinkSync(target, file);
  return file;
}

let made = 0;
/** A new directory (`#` in `relative` becomes a number never used before: a run may delete it). */
function fresh(fx: HsFixture, relative: string): string {
  relative = relative.replace("#", String(++made));
  const dir = path.join(fx.dir, relative);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A directory more than 4,096 bytes deep (made one level at a time: longer paths fail in one call). */
function deep(fx: HsFixture, relative: string, file?: string): string {
  const levels = Array.from({ length: 220 }, () => "deep-directory-name");
  const made = path.join(fx.dir, relative, ...levels);
  const script = `cd "$1" && i=0; while [ $i -lt 220 ]; do mkdir -p deep-directory-name && cd -P deep-directory-name || exit 1; i=$((i + 1)); done${file ? ` && echo x > ${file}` : ""}`;
  if (spawnSync("/bin/sh", ["-c", script, "sh", fresh(fx, relative)]).status !== 0) throw new Error("cannot make the deep directory");
  return made;
}

const cwdCases: Case[] = [
  ...[".", "src", "src/lib", ".GOV", "dir with spaces"].map((rel) => path.join("wts/s1", rel)),
  "wts/s2", "main-repo", "main-repo/.git", ".", "wts",
].flatMap((cwd): Case[] => [
  { name: `git status in ${cwd}`, variant: "git" as const, argv: ["status"], cwd },
  { name: `rm -f app.ts in ${cwd}`, variant: "rm" as const, argv: ["-f", "app.ts"], cwd },
]).concat([
  { name: "a sibling whose name extends the worktree's", variant: "git", argv: ["status"], cwd: (f) => fresh(f, "wts/s1x") },
  { name: "a symlink in the worktree to another worktree", variant: "git", argv: ["status"], cwd: (f) => link(f, "wts/s1/to-s2", f.s2) },
  { name: "a symlink outside into the worktree", variant: "git", argv: ["status"], cwd: (f) => link(f, "into-s1", path.join(f.s1, "src")) },
  { name: "rm through a symlink outside into the worktree", variant: "rm", argv: ["-f", "app.ts"], cwd: (f) => link(f, "into-s1-rm", path.join(f.s1, "src")) },
  { name: "a deleted directory inside the worktree", variant: "git", argv: ["status"], cwd: (f) => fresh(f, "wts/s1/gone-#"), rmdir: true },
  { name: "rm in a deleted directory", variant: "rm", argv: ["-f", "x"], cwd: (f) => fresh(f, "wts/s1/gone-#"), rmdir: true },
  // The getcwd system call stops at a page: deeper directories go to the sh shim, which decides as before.
  { name: "a directory deeper than PATH_MAX", variant: "git", argv: ["status"], cwd: (f) => deep(f, "wts/s1/deep"), handsOff: true },
  { name: "rm in a directory deeper than PATH_MAX", variant: "rm", argv: ["-f", "f.txt"], cwd: (f) => deep(f, "wts/s1/deep-rm", "f.txt"), handsOff: true },
]);

const RM_OPERANDS: Word[][] = [
  ["scratch.txt"], ["-f", "scratch.txt"], ["./scratch.txt"], ["././scratch.txt"], [".//scratch.txt"], ["src/app.ts"], ["src/./app.ts"], ["src/../README.md"], ["README.md"],
  ["-fv", "msg.txt"], ["-vf", "msg.txt"], ["-v", "msg.txt"], ["--force", "msg.txt"], ["--verbose", "msg.txt"], ["-r", "msg.txt"], ["-i", "msg.txt"], ["--", "msg.txt"], ["-", "msg.txt"],
  [""], ["-f"], ["."], [".."], ["src/"], ["src/."], ["/etc/hostname"], ["missing.txt"], ["src"], ["dir with spaces/f"], ["my dir/f"], ["docs/a.md"], ["docs/b.txt"],
  ["link-file"], ["link-dir/app.ts"], [".git"], [".GOV/policy.md"], ["./.GOV/policy.md"], [".GOVERNANCE.md"], ["src/lib/util.ts"], ["x/secret"], ["src/new.ts", "scratch.txt"],
  ["src/new.ts", "-rf"], ["-rf"], ["./-rf"], ["a.log"], [cat("bad", byte(0xff), ".txt")], [cat("src/", byte(0x81), ".ts")], ["f*"], ["[ab].txt"], ["x\\y"],
  ["dist/bundle.js"], ["node_modules/x/index.js"], [".handshake"], ["s.ts"],
];

const rmCases: Case[] = (["rm", "rm-narrow"] as const).flatMap((variant) => [
  ...RM_OPERANDS.map((argv) => ({ name: `${variant} ${argv.map(String).join(" ")}`, variant, argv })),
  ...[["lib/util.ts"], ["../README.md"], ["./app.ts"], ["app.ts", "lib/util.ts"]].map((argv) => ({ name: `${variant} ${argv.join(" ")} in src`, variant, argv, cwd: "wts/s1/src" })),
]);

beforeAll(() => {
  if (!compiledFrontEnd()) throw new Error("dist/hs-shim is missing: install a C compiler (apt-get install -y gcc) and run npm run build");
  fx = buildHsFixture();
  for (const file of ["my dir/f", "docs/a.md", "docs/b.txt", "x/secret", "f*", "[ab].txt", "x\\y"]) {
    fs.mkdirSync(path.dirname(path.join(fx.s1, file)), { recursive: true });
    fs.writeFileSync(path.join(fx.s1, file), "x\n");
  }
  fs.writeFileSync(Buffer.from(cat(fx.s1, "/bad", byte(0xff), ".txt")), "b");
  fs.writeFileSync(Buffer.from(cat(fx.s1, "/src/", byte(0x81), ".ts")), "b");
  fs.symlinkSync(path.join(fx.s1, "README.md"), path.join(fx.s1, "link-file"));
  fs.symlinkSync(path.join(fx.s1, "src"), path.join(fx.s1, "link-dir"));
  harness = buildHarness(fx.s1, fx.handshake, [...VARIANTS].map((v) => ({ ...v, scope: [...v.scope], governance: [...v.governance] })));
}, 120_000);
afterAll(() => {
  // deeper than PATH_MAX: rm -r works through it with openat, fs.rmSync cannot
  if (fx) spawnSync("/bin/rm", ["-rf", path.join(fx.s1, "deep"), path.join(fx.s1, "deep-rm")]);
  harness?.cleanup();
  fx?.cleanup();
});

// No skip without a C compiler: CI builds dist/hs-shim, and beforeAll fails with the reason when it is missing.
describe("compiled shim front end vs the sh shim", () => {
  it.each(vectorCases.map((c) => [c.name, c] as const))("argv vector %s", (_name, c) => compare(c, true));
  it.each(formCases.map((c) => [c.name, c] as const))("FAST_PATH form: git %s", (_name, c) => compare(c));
  it.each(argvCases.map((c) => [c.name, c] as const))("argv: %s", (_name, c) => compare(c));
  it.each(envCases.map((c) => [c.name, c] as const))("environment: %s", (_name, c) => compare(c));
  it.each(cwdCases.map((c) => [c.name, c] as const))("directory: %s", (_name, c) => compare(c));
  it.each(rmCases.map((c) => [c.name, c] as const))("rm: %s", (_name, c) => compare(c));

  it("takes the fast path on the common calls (or the comparison above proves nothing)", async () => {
    const fast = [["status"], ["log", "-3"], ["-P", "diff", "--stat"], ["branch", "-vv"], ["stash", "list"]];
    const kinds = await Promise.all(fast.map(async (argv) => (await harness.run("git", "c", argv, fx.s1, baseEnv(fx.s1))).kind));
    expect(kinds).toEqual(["fast", "fast", "fast", "fast", "fast"]);
    expect((await harness.run("rm", "c", ["-f", "scratch.txt"], fx.s1, baseEnv(fx.s1))).kind).toBe("fast");
  });

  it("an unconfigured front end refuses (exit 77) and runs nothing", () => {
    const out = spawnSync(compiledFrontEnd()!, ["status"], { cwd: fx.s1, encoding: "utf8" });
    expect(out.status).toBe(77);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/^hs: deny \[shim\.unconfigured\]/);
  });
});
