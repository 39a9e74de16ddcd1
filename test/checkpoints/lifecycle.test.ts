// When checkpoints are written (bursts of writes, pause), what survives close (retention keeps every
// sole copy), 8 sessions checkpointing at once, and kill -9 in the middle of a checkpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { buildFixture, runIn, type Fixture } from "../sandbox/fixture.ts";
import { HS_BIN, hsAsync } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";

let fx: Fixture;
const SESSIONS = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"];

function configure(main: string): void {
  const file = path.join(main, ".handshake", "workspace.json");
  const config = JSON.parse(fs.readFileSync(file, "utf8"));
  config.checkpoints = { enabled: true, debounce_ms: 200, min_interval_seconds: 0, keep_after_close: 1 };
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
}

const list = (id: string): Array<{ n: number; trigger: string; commit: string; tree: string }> => {
  const out = fx.hs(["session", "checkpoints", id, "--json"]);
  expect(out.code, out.stderr).toBe(0);
  return out.json();
};
const store = () => path.join(fx.main, ".handshake", "checkpoints.git");
const storeGit = (args: string[]) => spawnSync("git", ["--git-dir", store(), ...args], { cwd: fx.main, env: cleanEnv(), encoding: "utf8" });
const wt = (id: string) => path.join(fx.wts, id);

beforeAll(() => {
  fx = buildFixture({ sessions: SESSIONS.map((id) => ({ id, scope: ["src/**"] })) });
  configure(fx.main);
}, 180_000);

afterAll(() => fx?.cleanup());

describe("checkpoint triggers", () => {
  it("a burst of writes inside the sandbox is checkpointed after the quiet time", async () => {
    const run = await runIn(fx, "sleep 1.2; echo burst > src/burst.ts; echo more > src/burst2.ts; sleep 1.5", { id: "s2", cwd: wt("s2") });
    expect(run.code, run.stderr).toBe(0);
    const burst = list("s2").find((meta) => meta.trigger === "files changed");
    expect(burst, JSON.stringify(list("s2"))).toBeDefined();
    expect(storeGit(["ls-tree", "-r", "--name-only", burst!.commit]).stdout).toContain("src/burst2.ts");
  });

  it("pause checkpoints the frozen state", async () => {
    // The agent keeps writing, so the frozen state always differs from the last burst checkpoint.
    const writer = "while :; do date +%s%N > src/p.ts; done";
    const started = await hsAsync(["session", "run", "s3", "--detach", "--", "sh", "-c", writer], { cwd: wt("s3") });
    expect(started.code, started.stderr).toBe(0);
    for (let i = 0; i < 100 && !fs.existsSync(path.join(wt("s3"), "src/p.ts")); i++) await new Promise((r) => setTimeout(r, 100));
    const paused = fx.hs(["session", "pause", "s3"]);
    expect(paused.code, paused.stderr).toBe(0);
    const last = list("s3").at(-1);
    expect(last?.trigger).toBe("pause");
    const frozen = fs.readFileSync(path.join(wt("s3"), "src/p.ts"), "utf8");
    expect(storeGit(["show", `${last!.commit}:src/p.ts`]).stdout).toBe(frozen);
    expect(fx.hs(["session", "cancel", "s3"]).code).toBe(0);
  });
});

describe("retention after close", () => {
  it("keeps the newest and every checkpoint that holds the only copy of some content; drops the rest", () => {
    const id = "s4";
    const take = () => {
      const out = fx.hs(["session", "checkpoint", id, "--json"]);
      expect(out.code, out.stderr).toBe(0);
      return out.json()?.n as number;
    };
    const clean = take(); // every blob is on main already
    fs.writeFileSync(path.join(wt(id), "src/draft.ts"), "draft v1, later rewritten\n");
    const draft = take(); // the only copy of v1
    fs.writeFileSync(path.join(wt(id), "src/draft.ts"), "draft v2\n");
    const final = take();
    fx.git(["add", "src/draft.ts"], wt(id));
    fx.git(["commit", "-qm", "draft"], wt(id));
    const applied = fx.hs(["merge-back", id, "--apply"]);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const closed = fx.hs(["session", "close", id]);
    expect(closed.code, closed.stderr + closed.stdout).toBe(0);
    // Kept: the draft (its v1 exists nowhere else) and the newest (close's own, since the index changed).
    // Dropped: the clean one and `final`, whose contents main now holds.
    const kept = list(id);
    expect(kept.map((meta) => meta.n)).toEqual([draft, final + 1]);
    expect(kept.at(-1)?.trigger).toBe("close");
    expect(clean).toBeLessThan(draft);
  });
});

describe("robustness", () => {
  it("8 sessions checkpointing at once (and 3 racers on one session) do not interfere", async () => {
    const ids = ["s1", "s5", "s6", "s7", "s8", "s2"];
    for (const id of ids) {
      fs.mkdirSync(path.join(wt(id), "src", "own"), { recursive: true });
      for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(wt(id), "src", "own", `${id}-${i}.ts`), `${id} ${i}\n`);
    }
    const runs = await Promise.all([...ids, "s1", "s1"].map((id) => hsAsync(["session", "checkpoint", id, "--json"], { cwd: fx.main })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    for (const id of ids) {
      const last = list(id).at(-1)!;
      const files = storeGit(["ls-tree", "-r", "--name-only", last.commit]).stdout.split("\n");
      expect(files.filter((file) => file.startsWith("src/own/")).every((file) => file.startsWith(`src/own/${id}-`))).toBe(true);
      expect(files.filter((file) => file.startsWith("src/own/"))).toHaveLength(40);
    }
    const n = list("s1").map((meta) => meta.n);
    expect(new Set(n).size).toBe(n.length);
    expect(storeGit(["fsck", "--strict", "--no-dangling"]).status).toBe(0);
  });

  it("kill -9 during a checkpoint leaves no partial state: refs are whole, the next checkpoint works", async () => {
    const big = path.join(wt("s5"), "src", "big");
    fs.mkdirSync(big, { recursive: true });
    const killed: Array<string | null> = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(big, `f${i}.ts`), `round ${round} file ${i}\n`);
      const child = spawn(process.execPath, [HS_BIN, "session", "checkpoint", "s5"], { cwd: fx.main, env: cleanEnv() });
      const closed = new Promise((r) => child.on("close", (_code, signal) => r(killed.push(signal))));
      await new Promise((r) => setTimeout(r, 120 + round * 60));
      child.kill("SIGKILL");
      await closed;
    }
    expect(killed).toContain("SIGKILL"); // at least one checkpoint really died half-way
    expect(storeGit(["fsck", "--strict", "--no-dangling"]).status).toBe(0);
    for (const meta of list("s5")) expect(storeGit(["cat-file", "-e", `${meta.tree}^{tree}`]).status).toBe(0);
    const done = fx.hs(["session", "checkpoint", "s5", "--json"]);
    expect(done.code, done.stderr).toBe(0);
    const last = list("s5").at(-1)!;
    expect(storeGit(["show", `${last.commit}:src/big/f1499.ts`]).stdout).toBe("round 3 file 1499\n");
  });
});
