// The remembered global git config listing: used only while HOME, the --global files and git are unchanged; a
// listing with include directives is never remembered; what the session gets is the same sanitized file either way.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeGitGlobal } from "../../src/sandbox/git-global.ts";
import { globalListingKey, rememberable, rememberedListing } from "../../src/sandbox/git-global-cache.ts";

let dir = "";
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = "";
});

function setup() {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-gitglobal-")));
  const home = path.join(dir, "home");
  fs.mkdirSync(home);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home };
  const cache = path.join(dir, "cache");
  const session = path.join(dir, "session");
  const sanitized = () => fs.readFileSync(path.join(session, "git-global", "gitconfig"), "utf8");
  return { home, env, cache, session, sanitized };
}

describe("the remembered global git config", () => {
  it("is used while nothing changed and asked again after an edit", () => {
    const { home, env, cache, session, sanitized } = setup();
    fs.writeFileSync(path.join(home, ".gitconfig"), "[user]\n\tname = Op\n[core]\n\thooksPath = /dev/null\n");
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["core.hookspath"]);
    expect(rememberedListing(cache, globalListingKey(env))?.stdout).toContain("user.name\nOp");
    const first = sanitized();
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["core.hookspath"]);
    expect(sanitized()).toBe(first);
    // The remembered listing is what the next start uses (no git run), and it is sanitized like git's own answer.
    const file = path.join(cache, "git-global.json");
    const entry = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...entry, stdout: "user.name\nFrom Cache\0core.sshcommand\nevil\0" }));
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["core.sshcommand"]);
    expect(sanitized()).toContain("From Cache");
    fs.writeFileSync(file, JSON.stringify(entry));
    fs.writeFileSync(path.join(home, ".gitconfig"), "[user]\n\tname = Someone Else\n[alias]\n\tx = !rm -rf /\n");
    expect(rememberedListing(cache, globalListingKey(env))).toBeNull();
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["alias.x"]);
    expect(sanitized()).toContain("Someone Else");
    // git config --global reads ~/.gitconfig, or the XDG file when there is none: both are in the key.
    fs.mkdirSync(path.join(home, ".config", "git"), { recursive: true });
    fs.writeFileSync(path.join(home, ".config", "git", "config"), "[core]\n\tfsmonitor = /tmp/x\n");
    fs.rmSync(path.join(home, ".gitconfig"));
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["core.fsmonitor"]);
    fs.rmSync(path.join(home, ".config", "git", "config"));
    expect(writeGitGlobal(session, env, cache).dropped).toEqual([]);
    expect(sanitized()).not.toContain("Someone Else");
  });

  it("never remembers a listing with include directives, nor a failure", () => {
    const { home, env, cache, session, sanitized } = setup();
    fs.writeFileSync(path.join(home, "more.inc"), "[core]\n\tsshCommand = evil\n");
    fs.writeFileSync(path.join(home, ".gitconfig"), `[include]\n\tpath = ${path.join(home, "more.inc")}\n[user]\n\tname = Op\n`);
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["include.path", "core.sshcommand"]);
    expect(rememberedListing(cache, globalListingKey(env))).toBeNull();
    fs.writeFileSync(path.join(home, "more.inc"), "[core]\n\tpager = evil\n");
    expect(writeGitGlobal(session, env, cache).dropped).toEqual(["include.path", "core.pager"]);
    expect(sanitized()).toContain("Op");
    expect(rememberable({ code: 0, stdout: "includeIf.gitdir:/x/.path\n/y\0" })).toBe(false);
    expect(rememberable({ code: 128, stdout: "" })).toBe(false);
    expect(rememberable({ code: 1, stdout: "" })).toBe(true);
  });
});
