// Pure parts of the session host: profile, seccomp program, socket protocol, inside-hs policy, budgets, summaries.
import { describe, expect, it } from "vitest";
import { bwrapArgs, type ProfileInput } from "../../src/sandbox/profile.ts";
import { assemble, ttyInjectionProgram, TIOCSTI, TIOCLINUX } from "../../src/sandbox/seccomp.ts";
import { encodeRequest, exitFrame, frame, parseReply, parseRequest, type HostRequest } from "../../src/sandbox/protocol.ts";
import { insideHsDecision } from "../../src/sandbox/inside-hs.ts";
import { exceededBudget } from "../../src/sandbox/budget.ts";
import { ChangeSummary, MAX_LISTED_PATHS } from "../../src/sandbox/change-summary.ts";
import { looksLikeHost } from "../../src/sandbox/host-record.ts";
import { globBase } from "../../src/sandbox/layout.ts";
import { insideEnv } from "../../src/sandbox/env.ts";
import { ignoreMatcher } from "../../src/sandbox/watcher.ts";
import micromatch from "micromatch";

const base: ProfileInput = {
  isolation: "worktree",
  worktree: "/r.hs/s1",
  gitDir: "/r/.git/worktrees/s1",
  commonDir: "/r/.git",
  mainRoot: "/r",
  handshakeDir: "/r/.handshake",
  packageRoot: "/opt/hs",
  hidden: ["/r.hs", "/r.hs/s2"],
  readOnlyInWorktree: ["/r.hs/s1/.git", "/r.hs/s1/.GOV"],
  readOnlyInGitDir: ["/r/.git/worktrees/s1/hs-session.json"],
  handshakeReadOnly: ["/r/.handshake/sessions/s1/bin"],
  refDirs: ["/r/.git/refs/heads/hs/s1", "/r/.git/logs/refs/heads/hs/s1"],
  objects: { privateDir: "/r/.git/hs-objects/s1", sharedView: "/r/.git/hs-objects/.shared", sanitizedAlternates: "/r/.handshake/sessions/s1/alternates.sandbox", storesRoot: "/r/.git/hs-objects" },
  writableScopeDirs: [],
  lockGit: null,
  socket: { host: "/r/.handshake/sessions/s1/host.sock", inside: "/tmp/.hs-host.sock" },
  home: null,
  seccompFd: 3,
  newSession: false,
  cwd: "/r.hs/s1",
  command: ["bash", "-i"],
};

/** [option, ...operands] triples in order. */
function mounts(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--") break;
    if (["--ro-bind", "--bind"].includes(arg)) out.push(`${arg} ${args[++i]} ${args[++i]}`);
    else if (["--tmpfs", "--remount-ro", "--dev", "--proc", "--seccomp", "--chdir", "--cap-drop"].includes(arg)) out.push(`${arg} ${args[++i]}`);
    else out.push(arg);
  }
  return out;
}

describe("bwrap profile", () => {
  const m = mounts(bwrapArgs(base));
  const at = (entry: string) => {
    const index = m.indexOf(entry);
    expect(index, entry).toBeGreaterThanOrEqual(0);
    return index;
  };
  it.each([
    ["the system is read-only", "--ro-bind / /"],
    ["own /proc and pid namespace", "--unshare-pid"],
    ["dies with the host", "--die-with-parent"],
    ["no capabilities", "--cap-drop ALL"],
    ["private /tmp", "--tmpfs /tmp"],
    ["the main checkout read-only", "--ro-bind /r /r"],
    ["other worktrees hidden and sealed", "--remount-ro /r.hs/s2"],
    ["the registry hidden", "--tmpfs /r/.handshake"],
    ["own worktree writable", "--bind /r.hs/s1 /r.hs/s1"],
    [".git pointer read-only", "--ro-bind /r.hs/s1/.git /r.hs/s1/.git"],
    ["governance read-only", "--ro-bind /r.hs/s1/.GOV /r.hs/s1/.GOV"],
    ["own admin dir writable", "--bind /r/.git/worktrees/s1 /r/.git/worktrees/s1"],
    ["marker read-only", "--ro-bind /r/.git/worktrees/s1/hs-session.json /r/.git/worktrees/s1/hs-session.json"],
    ["own ref namespace writable", "--bind /r/.git/refs/heads/hs/s1 /r/.git/refs/heads/hs/s1"],
    ["shared objects read-only", "--ro-bind /r/.git/objects /r/.git/hs-objects/.shared"],
    ["private store over objects/", "--bind /r/.git/hs-objects/s1 /r/.git/objects"],
    ["socket bound in", "--bind /r/.handshake/sessions/s1/host.sock /tmp/.hs-host.sock"],
    ["seccomp from fd 3", "--seccomp 3"],
  ])("%s", (_why, entry) => {
    at(entry);
  });
  it("orders hiding before binding back, and read-only overlays after their writable parent", () => {
    expect(at("--tmpfs /r.hs")).toBeLessThan(at("--bind /r.hs/s1 /r.hs/s1"));
    expect(at("--bind /r.hs/s1 /r.hs/s1")).toBeLessThan(at("--ro-bind /r.hs/s1/.git /r.hs/s1/.git"));
    expect(at("--bind /r/.git/worktrees/s1 /r/.git/worktrees/s1")).toBeLessThan(at("--ro-bind /r/.git/worktrees/s1/hs-session.json /r/.git/worktrees/s1/hs-session.json"));
    expect(at("--tmpfs /r/.handshake")).toBeLessThan(at("--ro-bind /r/.handshake/sessions/s1/bin /r/.handshake/sessions/s1/bin"));
    expect(at("--ro-bind /r/.git/objects /r/.git/hs-objects/.shared")).toBeLessThan(at("--bind /r/.git/hs-objects/s1 /r/.git/objects"));
    expect(m.lastIndexOf("--remount-ro /r.hs")).toBeGreaterThan(at("--bind /r.hs/s1 /r.hs/s1"));
  });
  it("never gives the pty a new session (job control), gives piped runs one", () => {
    expect(bwrapArgs(base)).not.toContain("--new-session");
    expect(bwrapArgs({ ...base, newSession: true })).toContain("--new-session");
  });
  it("ends with the command after --", () => {
    expect(bwrapArgs(base).slice(-3)).toEqual(["--", "bash", "-i"]);
  });
  it("lock mode: worktree read-only, only the scope paths writable, .handshake hidden again after the re-bind", () => {
    const lock = mounts(bwrapArgs({ ...base, isolation: "lock", worktree: "/r", writableScopeDirs: ["/r/src"], objects: null, refDirs: [] }));
    expect(lock).toContain("--bind /r/src /r/src");
    expect(lock).not.toContain("--bind /r/.git/worktrees/s1 /r/.git/worktrees/s1");
    expect(lock.filter((entry) => entry.startsWith("--bind ")).map((entry) => entry.split(" ")[1])).toEqual(["/r/src", "/r/.handshake/sessions/s1/host.sock"]);
    expect(lock.lastIndexOf("--tmpfs /r/.handshake")).toBeGreaterThan(lock.lastIndexOf("--ro-bind /r /r"));
    expect(lock.lastIndexOf("--remount-ro /r/.handshake")).toBeGreaterThan(lock.lastIndexOf("--tmpfs /r/.handshake"));
  });
  it("lock mode with a branch: the session's git dir over .git, the common dir read-only beside it, writes only to its refs and store", () => {
    const lockGit = { adminDir: "/r/.handshake/sessions/s1/git", commonView: "/r/.handshake/sessions/s1/common", readOnly: ["/r/.handshake/sessions/s1/git/hs-session.json"], hsDir: "/r/.git/hs" };
    const lock = mounts(bwrapArgs({ ...base, isolation: "lock", worktree: "/r", writableScopeDirs: ["/r/src"], readOnlyInWorktree: ["/r/.git"], lockGit }));
    const writable = lock.filter((entry) => entry.startsWith("--bind ")).map((entry) => entry.split(" ").slice(1).join(" -> "));
    expect(writable).toEqual([
      "/r/src -> /r/src",
      "/r/.git/refs/heads/hs/s1 -> /r/.handshake/sessions/s1/common/refs/heads/hs/s1",
      "/r/.git/logs/refs/heads/hs/s1 -> /r/.handshake/sessions/s1/common/logs/refs/heads/hs/s1",
      "/r/.handshake/sessions/s1/git -> /r/.git",
      "/r/.git/hs-objects/s1 -> /r/.handshake/sessions/s1/common/objects",
      "/r/.handshake/sessions/s1/host.sock -> /tmp/.hs-host.sock",
    ]);
    expect(lock.indexOf("--ro-bind /r/.handshake/sessions/s1/git/hs-session.json /r/.git/hs-session.json")).toBeGreaterThan(lock.indexOf("--bind /r/.handshake/sessions/s1/git /r/.git"));
    expect(lock).toContain("--ro-bind /r/.git/hs /r/.git/hs");
    expect(lock).toContain("--tmpfs /r/.handshake/sessions/s1/common/hs-objects");
  });
  it("binds the main checkout back when a hidden folder contains it", () => {
    const args = mounts(bwrapArgs({ ...base, hidden: ["/"] }));
    expect(args.lastIndexOf("--ro-bind /r /r")).toBeGreaterThan(args.indexOf("--tmpfs /"));
  });
});

describe("seccomp program", () => {
  it("is a checked, label-resolved classic BPF program of 8-byte instructions", () => {
    const program = assemble(ttyInjectionProgram("x64"));
    expect(program.length % 8).toBe(0);
    expect(program.length / 8).toBe(14);
    expect(program.readUInt16LE(0)).toBe(0x20); // first: load the arch
    expect(program.readUInt32LE(4)).toBe(4);
  });
  it("names TIOCSTI and TIOCLINUX and ends in ret instructions", () => {
    const insns = ttyInjectionProgram("x64").filter((insn) => typeof insn !== "string") as number[][];
    expect(insns.map((insn) => insn[3])).toEqual(expect.arrayContaining([TIOCSTI, TIOCLINUX, 0xc000003e, 0x40000003]));
    expect(insns.slice(-3).every((insn) => insn[0] === 0x06)).toBe(true);
  });
  it("refuses an architecture it has no table for", () => {
    expect(() => ttyInjectionProgram("mips")).toThrow(/no seccomp program/);
  });
});

describe("host socket protocol", () => {
  it("round-trips gate, event and hs requests", () => {
    const gate: HostRequest = { verb: "gate", cwd: "/w", tool: "git", argv: ["commit", "-m", "a b"], env: { PATH: "/x", EMPTY: "", EQ: "a=b" } };
    expect(parseRequest(encodeRequest(gate))).toEqual(gate);
    const event: HostRequest = { verb: "event", cwd: "/w", type: "hook.refused", payload: '{"a":1}' };
    expect(parseRequest(encodeRequest(event))).toEqual(event);
    const hs: HostRequest = { verb: "hs", cwd: "/w", argv: ["session", "list"] };
    expect(parseRequest(encodeRequest(hs))).toEqual(hs);
  });
  it.each([
    ["truncated", Buffer.from(["gate", "/w", "git", "3", "a", ""].join("\u0000"))],
    ["not NUL-terminated", Buffer.from(["hs", "/w", "1", "x"].join("\u0000"))],
    ["unknown verb", Buffer.from("approve\0/w\0")],
    ["bad count", Buffer.from("hs\0/w\0-1\0")],
  ])("rejects a %s request", (_why, data) => {
    expect(() => parseRequest(data)).toThrow();
  });
  it("parses streamed frames and requires the exit frame (fail closed)", () => {
    const reply = Buffer.concat([frame("E", "waiting\n"), frame("O", "out"), frame("E", "done\n"), exitFrame(77)]);
    expect(parseReply(reply)).toEqual({ code: 77, stdout: "out", stderr: "waiting\ndone\n" });
    expect(() => parseReply(Buffer.concat([frame("E", "waiting\n")]))).toThrow(/truncated/);
  });
});

describe("hs requests from inside a session (routing; the operations decide who may)", () => {
  it.each([
    [["session", "list"], true],
    [["session", "show", "s1"], true],
    [["approvals"], true],
    [["log", "show"], true],
    [["approve", "ap-1"], false],
    [["deny", "ap-1", "--reason", "x"], false],
    [["grants", "revoke", "g1"], false],
    [["init"], false],
    [["uninstall"], false],
    [["merge-back", "verify", "/x"], false],
    [["log", "show", "--follow"], false],
    // forwarded: the operation refuses what the session may not do (test/attacks/guard-*.test.ts)
    [["merge-back", "s1"], true],
    [["session", "cancel", "s2"], true],
    [["session", "resume", "s1"], true],
    [["lock", "release", "l1", "--reason", "x"], true],
    [["session", "create", "--scope", "src/**", "--no-sandbox", "--reason", "x"], true],
    [["session", "create", "--scope", "src/**", "--parent", "s2"], true],
  ])("hs %j -> allowed %s", (argv, allowed) => {
    expect(insideHsDecision(argv, "s1").allow).toBe(allowed);
  });
  it("a child session is always created under the asking session", () => {
    expect(insideHsDecision(["session", "create", "--scope", "src/**"], "s1")).toEqual({ allow: true, argv: ["session", "create", "--scope", "src/**", "--parent", "s1"], operation: true });
    expect(insideHsDecision(["session", "create", "--parent=s1", "--scope", "a"], "s1").allow).toBe(true);
  });
});

describe("budgets", () => {
  it.each([
    [{ maxCommands: 3 }, { activeMs: 0, commandsUsed: 2 }, [], undefined],
    [{ maxCommands: 3 }, { activeMs: 0, commandsUsed: 3 }, [], "max_commands"],
    [{ maxCommands: 3 }, { activeMs: 0, commandsUsed: 9 }, ["max_commands"], undefined],
    [{ maxMinutes: 1 }, { activeMs: 59_999, commandsUsed: 0 }, [], undefined],
    [{ maxMinutes: 1 }, { activeMs: 60_000, commandsUsed: 0 }, [], "max_minutes"],
    [{}, { activeMs: 1e9, commandsUsed: 1e9 }, [], undefined],
  ] as const)("%j with %j (tripped %j) -> %s", (budgets, usage, tripped, type) => {
    expect(exceededBudget(budgets, usage, tripped)?.type).toBe(type);
  });
});

describe("change summaries", () => {
  it("coalesces many events into one bounded payload, then starts over", () => {
    const summary = new ChangeSummary();
    for (let i = 0; i < 120; i += 1) summary.add("change", `src/f${i % 60}.ts`);
    summary.add("add", "src/new.ts");
    summary.add("unlink", "old.ts");
    const payload = summary.flush()!;
    expect(payload).toMatchObject({ events: 122, distinct_paths: 62, changed: 120, added: 1, removed: 1, truncated: true });
    expect((payload.paths as unknown[]).length).toBe(MAX_LISTED_PATHS);
    expect(summary.flush()).toBeUndefined();
  });
});

describe("small decisions", () => {
  it.each([
    [["/usr/bin/node", "/opt/hs/dist/hs.js", "session", "run", "s1", "--", "sh"], "s1", true],
    [["/usr/bin/node", "/opt/hs/bin/hs", "__host", "run", "s1", "--", "sh"], "s1", true],
    [["/usr/bin/node", "/opt/hs/bin/hs", "session", "shell", "s1"], "s2", false],
    [["sleep", "300", "s1"], "s1", false],
    [["/usr/bin/node", "/opt/hs/bin/hs", "session", "list", "s1"], "s1", false],
  ])("looksLikeHost(%j, %s) = %s", (args, id, expected) => {
    expect(looksLikeHost(args, id)).toBe(expected);
  });
  it.each([
    [".GOV/**", ".GOV"],
    [".handshake/gov/**", ".handshake/gov"],
    ["**/*.gov.md", ""],
    ["src", "src"],
  ])("globBase(%s) = %s", (glob, base) => {
    expect(globBase(glob)).toBe(base);
  });
  it("the inside environment drops GIT_* and HS_* but keeps the approval-timeout override, and puts the shim first", () => {
    const env = insideEnv({ base: { PATH: "/usr/bin", GIT_DIR: "/evil", HS_BWRAP: "x", HS_APPROVAL_TIMEOUT_SECONDS: "5", HOME: "/root" }, sessionId: "s1", shimBin: "/h/bin", hostBin: "/h/host-bin", socket: "/tmp/.hs-host.sock", client: "/c", worktree: "/w", sandboxed: true });
    expect(env.PATH).toBe("/h/bin:/h/host-bin:/usr/bin");
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.HS_BWRAP).toBeUndefined();
    expect(env).toMatchObject({ HS_SESSION_ID: "s1", HS_HOST_SOCKET: "/tmp/.hs-host.sock", HS_APPROVAL_TIMEOUT_SECONDS: "5", TMPDIR: "/tmp", HOME: "/root" });
  });
  it("the watcher prunes ignored folders, not only their files", () => {
    const ignored = ignoreMatcher(["**/node_modules/**", "**/dist/**"]);
    expect(ignored("node_modules")).toBe(true);
    expect(ignored("a/node_modules/x.js")).toBe(true);
    expect(ignored("dist")).toBe(true);
    expect(ignored("src/app.ts")).toBe(false);
    expect(ignored("")).toBe(false);
  });

  it("the watcher's ignore matcher answers as micromatch.isMatch on the path or the path as a folder", () => {
    const globs = ["**/node_modules/**", "**/.git/**", "**/.next/**", "**/a.b-c_d/**", ".git", ".handshake", "dist", "*.log", "**/x*/**", "{tmp,out}/**", "docs/*.md", "a/**/b", "[._]cache/**", "src/@(x|y)/**"];
    const paths = ["node_modules", "a/node_modules", "a/node_modules/b.js", ".git", ".gitx", "x/.git/HEAD", ".handshake", ".handshake/cache", "build.log", "a/build.log", "tmp", "out/x", "outx/y", "docs/a.md", "docs/a/b.md", "a/b", "a/x/y/b", ".cache/x", "_cache", "src/x/z", "src/z/x", "é/ü.ts", ".next", ".nextx", "a/.next", "a/.next/b", "x/a.b-c_d", "a.b-c_d/y", "dist", "dist/a", "a/dist", "xy/z", ".x/y/node_modules/q"];
    for (const glob of globs) {
      const ignored = ignoreMatcher([glob]);
      for (const file of paths) {
        const expected = micromatch.isMatch(file, glob, { dot: true }) || micromatch.isMatch(`${file}/_`, glob, { dot: true });
        expect([glob, file, ignored(file)]).toEqual([glob, file, expected]);
      }
    }
  });
});

import { sandboxGitLimit } from "../../src/sandbox/git-limits.ts";
describe("git commands that need the shared .git writable get a clear refusal", () => {
  it.each([
    [["push", "-u", "origin", "hs/s1/work"], "sandbox.push-set-upstream"],
    [["push", "--set-upstream", "origin", "HEAD"], "sandbox.push-set-upstream"],
    [["branch", "-m", "feature"], "sandbox.branch-outside-namespace"],
    [["branch", "-M", "hs/s1/work", "main"], "sandbox.branch-outside-namespace"],
    [["config", "user.name", "x"], "sandbox.config-write"],
    [["-c", "a=b", "stash"], "sandbox.stash"],
    [["stash", "pop"], "sandbox.stash"],
    [["fetch", "origin"], "sandbox.fetch"],
    [["pull"], "sandbox.fetch"],
    [["push", "origin", "hs/s1/work"], undefined],
    [["branch", "-m", "hs/s1/renamed"], "sandbox.branch-rewrite"],
    [["branch", "-D", "hs/s1/old"], "sandbox.branch-rewrite"],
    [["branch", "hs/s1/new"], undefined],
    [["tag", "v1"], "sandbox.tag"],
    [["tag", "-l"], undefined],
    [["config", "--get", "user.name"], undefined],
    [["stash", "list"], undefined],
    [["commit", "-m", "x"], undefined],
  ])("git %j -> %s", (argv, rule) => {
    expect(sandboxGitLimit(argv, "s1")?.rule).toBe(rule);
  });
});
