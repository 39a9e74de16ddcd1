// The per-session gate daemon behind plain `eval "$(hs session env ID)"` shells: started on demand by the shim's
// C client, one per session, deciding exactly as before; a stale socket is replaced, a folder others may enter
// or a socket served by another user is never trusted, and the daemon dies with its session.
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { gated, makeGateRepo, sleep, type GateRepo } from "./session-shell.ts";
import { encodeRequest, parseReply } from "../../src/sandbox/protocol.ts";

let g: GateRepo;
beforeAll(() => {
  g = makeGateRepo({ s1: ["src/**"], s2: ["src/**"], s3: ["src/**"] });
}, 120_000);
afterAll(() => g?.cleanup());

const gateDir = (id: string) => path.join(g.repo.root, ".handshake", "sessions", id, "gate");

/** Live gate daemons of one session, read from /proc (their command line names the session). */
function daemons(id: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = "";
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue;
    }
    const args = cmdline.split("\0");
    if (args.includes("__gate-daemon") && args[args.indexOf("--session") + 1] === id && args.includes(path.join(g.repo.root, ".handshake"))) out.push(Number(entry));
  }
  return out;
}

async function until(test: () => boolean, ms = 20_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (test()) return true;
  return test();
}

function ask(socket: string, request: Parameters<typeof encodeRequest>[0]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const client = net.createConnection(socket, () => client.end(encodeRequest(request)));
    client.on("data", (chunk: Buffer) => chunks.push(chunk));
    client.on("error", reject);
    client.on("close", () => resolve(parseReply(Buffer.concat(chunks))));
  });
}

describe("gate daemon", () => {
  it("the first gated command starts one daemon; later ones reuse it and decide as before", async () => {
    const wt = g.wt("s1");
    const first = gated("s1", "echo a > src/a.ts && git add src/a.ts; echo rc=$?", { cwd: wt });
    expect(first.stdout, first.stderr).toBe("rc=0\n");
    const running = daemons("s1");
    expect(running).toHaveLength(1);
    const stat = fs.statSync(gateDir("s1"));
    expect(stat.mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(gateDir("s1"), "gate.sock")).isSocket()).toBe(true);
    const again = gated("s1", "echo b > src/b.ts && git add src/b.ts; git push --force origin HEAD; echo rc=$?", { cwd: wt, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(again.stdout).toBe("rc=77\n");
    expect(daemons("s1")).toEqual(running);
    expect(g.repo.git(["diff", "--cached", "--name-only"], { cwd: wt }).stdout.split("\n")).toEqual(expect.arrayContaining(["src/a.ts", "src/b.ts"]));
    const outside = gated("s1", "git add ../../repo/README.md; echo rc=$?", { cwd: wt });
    expect(outside.stdout).toBe("rc=77\n");
    // The daemon checkpointed before the allowed commands, as the session host does.
    const listed = hs(["session", "checkpoints", "s1", "--json"], { cwd: g.repo.root });
    expect(listed.json().map((meta: { trigger: string }) => meta.trigger)).toEqual(expect.arrayContaining(["git add src/a.ts", "git add src/b.ts"]));
  });

  it("serves gate requests only: an `hs` request on its socket is refused", async () => {
    const reply = await ask(path.join(gateDir("s1"), "gate.sock"), { verb: "hs", cwd: g.wt("s1"), argv: ["approve", "ap-00000000"] });
    expect(reply.code).toBe(77);
    expect(reply.stderr).toContain("gate.daemon-verb");
  });

  it("a stale socket (its daemon gone) is replaced by a fresh daemon", async () => {
    const wt = g.wt("s2");
    expect(gated("s2", "git add src; echo rc=$?", { cwd: wt }).stdout).toBe("rc=0\n");
    const [old] = daemons("s2");
    process.kill(old!, "SIGKILL");
    await until(() => daemons("s2").length === 0);
    expect(fs.existsSync(path.join(gateDir("s2"), "gate.sock"))).toBe(true);
    const after = gated("s2", "echo c > src/c.ts && git add src/c.ts; echo rc=$?", { cwd: wt });
    expect(after.stdout, after.stderr).toBe("rc=0\n");
    expect(daemons("s2")).toHaveLength(1);
    expect(daemons("s2")[0]).not.toBe(old);
  });

  it("a folder others may enter is not trusted: the shim decides without a daemon, and decides the same", async () => {
    const wt = g.wt("s3");
    fs.mkdirSync(gateDir("s3"), { recursive: true });
    fs.chmodSync(gateDir("s3"), 0o777);
    const denied = gated("s3", "git push --force origin HEAD; echo rc=$?", { cwd: wt, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(denied.stdout).toBe("rc=77\n");
    const allowed = gated("s3", "echo d > src/d.ts && git add src/d.ts; echo rc=$?", { cwd: wt });
    expect(allowed.stdout).toBe("rc=0\n");
    expect(daemons("s3")).toEqual([]);
    fs.chmodSync(gateDir("s3"), 0o700);
  });

  it("a socket served by another user is refused (SO_PEERCRED): nothing runs", () => {
    const wt = g.wt("s3");
    const dir = gateDir("s3");
    fs.rmSync(path.join(dir, "gate.sock"), { force: true });
    // Bound by root in the root-only folder, but listening as nobody: the listener's credentials are nobody's.
    const server = spawnSync("python3", ["-c", `
import os, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1])
os.setgid(65534); os.setuid(65534)
s.listen(8)
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    time.sleep(30)
    os._exit(0)
print(pid, flush=True)
`, path.join(dir, "gate.sock")], { encoding: "utf8" });
    expect(server.status, server.stderr).toBe(0);
    const listener = Number(server.stdout.trim());
    try {
      const result = gated("s3", "echo e > src/e.ts && git add src/e.ts; echo rc=$?", { cwd: wt });
      expect(result.stdout).toBe("rc=77\n");
      expect(result.stderr).toContain("gate.daemon-forged");
      expect(g.repo.git(["diff", "--cached", "--name-only"], { cwd: wt }).stdout).not.toContain("src/e.ts");
    } finally {
      process.kill(listener, "SIGKILL");
      fs.rmSync(path.join(dir, "gate.sock"), { force: true });
    }
  });

  it("dies with its session, and after its idle time", async () => {
    expect(gated("s2", "git add src; echo rc=$?", { cwd: g.wt("s2") }).stdout).toBe("rc=0\n");
    expect(daemons("s2")).toHaveLength(1);
    expect(hs(["session", "cancel", "s2", "--reason", "test over"], { cwd: g.repo.root }).code).toBe(0);
    expect(await until(() => daemons("s2").length === 0)).toBe(true);
    expect(gated("s3", "git add src; echo rc=$?", { cwd: g.wt("s3"), env: { HS_GATE_DAEMON_IDLE_SECONDS: "1" } }).stdout).toBe("rc=0\n");
    expect(daemons("s3")).toHaveLength(1);
    expect(await until(() => daemons("s3").length === 0)).toBe(true);
  });
});
