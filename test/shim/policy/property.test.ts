// Property: thousands of random argv vectors never throw, and never `allow` a command whose path
// operands leave the session worktree (lexically or through a symlink).
import { mkdirSync, symlinkSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, basename } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyOrThrow } from "../../../src/shim/policy/index.ts";
import { fsRealpathLongestPrefix } from "../../../src/shim/policy/realpath.ts";
import { buildFixture, type Fixture } from "./fixture.ts";

// Generous: the runs take seconds alone, but CI machines share CPU with other suites.
const TIMEOUT = 600_000;
let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
  mkdirSync(join(fx.dir, "outside"));
  symlinkSync("../s2", join(fx.w, "link-s2"));
  symlinkSync("../../main-repo", join(fx.w, "link-main"));
  symlinkSync("src", join(fx.w, "link-src"));
});
afterAll(() => fx.cleanup());

const inside = (p: string, root: string) => {
  const rel = relative(root, p);
  return rel === "" || (rel !== ".." && !rel.startsWith("../") && !isAbsolute(rel));
};

/** Independent oracle: does this operand, from this cwd, stay in the worktree (and out of .git)? */
/**
 * rm walks `link/..` as the kernel does (from the link's target); git folds `..` in a pathspec
 * lexically first (prefix_path), then the path must not pass through a symlink.
 */
function staysInside(cwd: string, operand: string, followLast: boolean, gitDirCounts = true, kernel = true): boolean {
  const w = fx.w;
  const raw = kernel ? (isAbsolute(operand) ? operand : `${cwd}/${operand}`) : resolve(cwd, operand);
  const lexical = resolve(raw);
  const real = followLast ? fsRealpathLongestPrefix(raw) : join(fsRealpathLongestPrefix(dirname(raw)), basename(raw));
  return [lexical, real].every((p) => inside(p, w) && !(gitDirCounts && inside(p, join(w, ".git"))));
}

const PATHS = [
  "src/app.ts", "build", ".", "src", "src/..", "./src/./lib", "link-src/", "link-src/app.ts", "dir with spaces",
  "../s2", "../s2/src", "..", "../..", "../../main-repo", "/", "/tmp", "src/../../s2", "link-s2/", "link-s2/src",
  "link-main/src", "../s1/../s2", "../../outside", ".git", ".git/config", "//", "../s1", "./-rf", "-", ":/", ":(top)src",
  ":/../s2", "../s2/", `${"a/".repeat(3)}../../../..`, "link-s2/../s2", "link-src/../build", "link-main/../../wts/s2",
];
const SUBS = [
  "add", "rm", "mv", "commit", "checkout", "restore", "switch", "reset", "clean", "stash", "log", "diff", "status",
  "show", "grep", "blame", "branch", "push", "fetch", "pull", "merge", "rebase", "tag", "worktree", "config",
  "update-index", "read-tree", "checkout-index", "archive", "notes", "apply", "ls-files", "rset", "x",
];
const OPTS = [
  "-f", "-n", "-r", "-rf", "-fd", "-x", "-d", "-D", "-p", "-q", "-m", "msg", "--hard", "--h", "--force", "--fo",
  "--dry-run", "--dr", "--no-verify", "--no-veri", "--cached", "--staged", "--sta", "-S", "-W", "-SW", "--worktree",
  "--output", "--output=x", "-o", "--delete", "--mirror", "+main", ":main", "-b", "hs/s1/x", "--orphan", "-C", "-c",
  "--source=HEAD", "-u", "-a", "-A", "--all", "--rebase", "-i", "--interactive", "--prune", "push", "drop", "remove",
  "add", "list", "HEAD", "HEAD~1", "main", "feature", "--", "-e", "--exclude=x", "--pathspec-from-file=paths.txt",
];
const GLOBALS: string[][] = [[], ["-P"], ["--no-pager"], ["-C", "src"], ["-C", "."], ["-c", "color.ui=never"], ["-C", "link-src"], ["--literal-pathspecs"]];

const gitCase = fc.record({
  globals: fc.constantFrom(...GLOBALS),
  sub: fc.constantFrom(...SUBS),
  opts: fc.array(fc.constantFrom(...OPTS), { maxLength: 5 }),
  paths: fc.array(fc.constantFrom(...PATHS), { minLength: 1, maxLength: 3 }),
  cwd: fc.constantFrom(".", "src", "src/lib"),
});

const rmCase = fc.record({
  opts: fc.array(fc.constantFrom("-r", "-f", "-rf", "-fr", "-R", "-d", "-v", "-i", "--recursive", "--recu", "--force", "--dir", "--one-file-system", "--preserve-root", "--no-preserve-root"), { maxLength: 3 }),
  paths: fc.array(fc.constantFrom(...PATHS, "build//", "a.log", "node_modules", "src/lib/util.ts"), { minLength: 1, maxLength: 3 }),
  tail: fc.array(fc.constantFrom("-rf", "-f", "-r"), { maxLength: 1 }),
  cwd: fc.constantFrom(".", "src", "src/lib"),
});

describe("random argv", () => {
  it("git: never throws; never allows a pathspec after -- that leaves the worktree", () => {
    fc.assert(
      fc.property(gitCase, ({ globals, sub, opts, paths, cwd }) => {
        const argv = ["git", ...globals, sub, ...opts, "--", ...paths];
        const d = classifyOrThrow(fx.ctx(argv, cwd));
        let effective = join(fx.w, cwd);
        if (globals[0] === "-C") effective = resolve(effective, globals[1] as string);
        const magicTop = (p: string) => (p.startsWith(":/") ? p.slice(2) : p.startsWith(":(top)") ? p.slice(6) : null);
        const leaves = paths.some((p) => {
          const top = magicTop(p);
          // Reading .git through a pathspec is harmless; the worktree boundary is what counts here.
          return top === null ? !staysInside(effective, p, true, false, false) : !staysInside(fx.w, top === "" ? "." : top, true, false, false);
        });
        if (leaves && sub !== "config" && sub !== "notes") expect(d.decision, `${argv.join(" ")} -> ${d.rule}`).not.toBe("allow");
      }),
      { numRuns: 4000 },
    );
  }, TIMEOUT);

  it("rm: never throws; never allows an operand that leaves the worktree", () => {
    fc.assert(
      fc.property(rmCase, ({ opts, paths, tail, cwd }) => {
        const argv = ["rm", ...opts, ...paths, ...tail];
        const d = classifyOrThrow(fx.ctx(argv, cwd));
        const base = join(fx.w, cwd);
        const leaves = paths.some((p) => p !== "-" && !p.startsWith("-") && !staysInside(base, p, /\/\.?$/.test(p) || p === "." || p === ".."));
        if (leaves) expect(d.decision, `${argv.join(" ")} -> ${d.rule}`).not.toBe("allow");
      }),
      { numRuns: 3000 },
    );
  }, TIMEOUT);

  it("never throws on arbitrary strings, environments and aliases", () => {
    const envKeys = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0", "GIT_TRACE", "GIT_NAMESPACE", "POSIXLY_CORRECT"];
    fc.assert(
      fc.property(
        fc.constantFrom("git", "rm"),
        fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...OPTS, ...PATHS, ...SUBS)), { maxLength: 8 }),
        fc.dictionary(fc.constantFrom(...envKeys), fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...PATHS, "'a.b'='c'", "1"))),
        fc.dictionary(fc.constantFrom("x", "co", "st", "rset"), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("x", "!sh", "reset --hard", "'", "-c a.b=c co"))),
        (tool, rest, env, aliases) => {
          const d = classifyOrThrow(fx.ctx([tool, ...rest], ".", { env, aliases }));
          expect(["allow", "ask", "deny"]).toContain(d.decision);
        },
      ),
      { numRuns: 3000 },
    );
  }, TIMEOUT);
});
