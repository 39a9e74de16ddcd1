// Where the radar's dirty files come from: a live session host answers from its watcher-backed state; with no live
// host the radar runs the hardened `git status` itself. Either way nothing a session planted runs on the host.
// Each test starts several hs processes and a session host: a longer timeout than the default, for loaded CI.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, type Fixture } from "../sandbox/fixture.ts";
import { canaryCommand, canaryPath, expectNoCanary } from "../attacks/harness.ts";
import { until } from "../sandbox/procs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { parseDirtyReply } from "../../src/merge/radar-dirty.ts";

interface Row { id: string; dirty: number; dirty_source: string; nested: string[]; scan_error: string | null }
interface Report { sessions: Row[]; dirty_overlaps: Array<{ path: string; worktrees: string[] }> }

let fx: Fixture | undefined;
afterEach(() => {
  for (const id of ["s1", "s2"]) fx?.hs(["session", "cancel", id]);
  fx?.cleanup();
  fx = undefined;
});

function radar(): Report {
  const result = fx!.hs(["conflicts", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}
const row = (report: Report, id: string) => report.sessions.find((candidate) => candidate.id === id)!;

/** What plain git says is dirty (the fixture's worktrees hold no planted config). */
function statusPaths(worktree: string): string[] {
  const out = spawnSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=normal", "--no-renames"], { cwd: worktree, env: cleanEnv(), encoding: "utf8" }).stdout;
  return out.split("\0").filter(Boolean).map((field) => field.slice(3)).sort();
}

async function startHost(id: string, line = "sleep 60"): Promise<void> {
  const started = fx!.hs(["session", "run", id, "--detach", "--", "sh", "-c", line]);
  expect(started.code, started.stderr).toBe(0);
  await until(`the ${id} host to answer the radar`, () => row(radar(), id).dirty_source === "watcher", 20_000);
}

describe("the radar's dirty files", () => {
  it("with no live host: a git status scan per worktree, named as such in --json", () => {
    fx = buildFixture();
    const report = radar();
    expect(row(report, "s1")).toMatchObject({ dirty_source: "status", dirty: statusPaths(fx.s1).length, scan_error: null });
    expect(row(report, "s2")).toMatchObject({ dirty_source: "status", dirty: statusPaths(fx.s2).length });
    const shared = statusPaths(fx.s1).filter((file) => statusPaths(fx!.s2).includes(file));
    expect(shared.length).toBeGreaterThan(0);
    expect(report.dirty_overlaps.map((overlap) => overlap.path).sort()).toEqual(shared);
    expect(fx.hs(["conflicts"]).stdout).toContain("(dirty files of s1, s2 by git status: no live session host)");
    expect(radar().sessions.map((session) => session.dirty_source)).toEqual(["status", "status"]);
    expect(fx.hs(["conflicts", "--no-dirty", "--json"]).stdout).toContain('"dirty_source": "none"');
  }, 240_000);

  it("with a live host: the host's answer, the same files as status, kept current as the session writes and commits", async () => {
    fx = buildFixture();
    const byStatus = radar();
    await startHost("s1", "while [ ! -e stop ]; do sleep 0.2; done");
    const live = radar();
    expect(row(live, "s1")).toMatchObject({ dirty_source: "watcher", dirty: row(byStatus, "s1").dirty, scan_error: null });
    expect(row(live, "s2").dirty_source).toBe("status");
    expect(live.dirty_overlaps).toEqual(byStatus.dirty_overlaps);

    // A new file that s2 also has uncommitted: the host's watcher reports it without a status scan by the radar.
    fs.writeFileSync(path.join(fx.s1, "secret.txt"), "s1 too\n");
    await until("the new file in the overlaps", () => radar().dirty_overlaps.some((overlap) => overlap.path === "secret.txt"), 10_000);
    // Committed (the index changes): no longer dirty once the host rescanned.
    spawnSync("git", ["add", "secret.txt"], { cwd: fx.s1, env: cleanEnv() });
    spawnSync("git", ["-c", "core.hooksPath=/dev/null", "commit", "-qm", "secret"], { cwd: fx.s1, env: cleanEnv() });
    await until("the committed file to leave the list", () => !radar().dirty_overlaps.some((overlap) => overlap.path === "secret.txt"), 10_000);
    expect(row(radar(), "s1")).toMatchObject({ dirty_source: "watcher", dirty: statusPaths(fx.s1).length });

    // The host gone (its command ended): back to status for that session.
    fs.writeFileSync(path.join(fx.s1, "stop"), "");
    await until("the radar to scan s1 itself", () => row(radar(), "s1").dirty_source === "status", 20_000);
    fs.rmSync(path.join(fx.s1, "stop"));
    expect(row(radar(), "s1")).toMatchObject({ dirty_source: "status", dirty: statusPaths(fx.s1).length });
  }, 240_000);

  it("a session cannot make the radar or its host run what it planted, nor stand in for its host's socket", async () => {
    fx = buildFixture();
    const evil = canaryCommand(fx, "radar-dirty");
    const socket = path.join(fx.main, ".handshake", "sessions", "s1", "host.sock");
    const plant = [
      "G=/usr/bin/git",
      `$G init -q src/other && (cd src/other && $G config filter.x.clean "${evil}" && $G config core.fsmonitor "${evil}" && printf '* filter=x\\n' > .gitattributes && printf 'a\\n' > f)`,
      "printf '* filter=x diff=x\\n' > .gitattributes",
      `rm -f ${socket} 2>/dev/null && echo socket-removed > src/marker || echo socket-kept > src/marker`,
      "sleep 60",
    ].join("; ");
    const started = fx.hs(["session", "run", "s1", "--detach", "--", "sh", "-c", plant]);
    expect(started.code, started.stderr).toBe(0);
    await until("the plant and the host's rescan", () => {
      const s1 = row(radar(), "s1");
      return s1.dirty_source === "watcher" && s1.nested.includes("src/other");
    }, 20_000);
    expect(fs.readFileSync(path.join(fx.s1, "src/marker"), "utf8")).toBe("socket-kept\n");
    expectNoCanary(fx, "radar-dirty");
    expect(fs.existsSync(canaryPath(fx, "radar-dirty"))).toBe(false);
  }, 240_000);
});

describe("parseDirtyReply (pure)", () => {
  it.each([
    ['{"files":["a","b/c"],"nested":[]}', { files: ["a", "b/c"], nested: [] }],
    ['{"files":["a"],"nested":["n"],"extra":1}', { files: ["a"], nested: ["n"] }],
    ['{"files":"a","nested":[]}', null],
    ['{"files":[1],"nested":[]}', null],
    ['{"files":["a\\u0000b"],"nested":[]}', null],
    ['{"files":[""],"nested":[]}', null],
    [`{"files":["${"x".repeat(5000)}"],"nested":[]}`, null],
    ["[]", null],
    ["not json", null],
  ] as const)("case %#", (text, expected) => {
    expect(parseDirtyReply(text)).toEqual(expected);
  });
});
