// `hs session shell` driven through a real pty (node-pty), as an operator's terminal would.
import { afterEach, describe, expect, it } from "vitest";
import * as pty from "node-pty";
import { buildFixture, type Fixture } from "./fixture.ts";
import { HS_BIN } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { until } from "./procs.ts";

let fx: Fixture | undefined;
let term: pty.IPty | undefined;
afterEach(() => {
  term?.kill();
  term = undefined;
  fx?.hs(["session", "cancel", "s1"]);
  fx?.cleanup();
  fx = undefined;
});

function attach(fixture: Fixture): { output: () => string; type: (text: string) => void; waitFor: (text: string | RegExp, ms?: number) => Promise<void>; exited: Promise<number> } {
  let buffer = "";
  term = pty.spawn(process.execPath, [HS_BIN, "session", "shell", "s1"], { name: "xterm", cols: 80, rows: 24, cwd: fixture.main, env: cleanEnv({ TERM: "xterm" }) as Record<string, string> });
  term.onData((data) => (buffer += data));
  const exited = new Promise<number>((resolve) => term!.onExit(({ exitCode }) => resolve(exitCode)));
  const waitFor = async (text: string | RegExp, ms = 15_000) => {
    await until(`${String(text)} in the terminal (got: ${JSON.stringify(buffer.slice(-300))})`, () => (typeof text === "string" ? buffer.includes(text) : text.test(buffer)), ms);
  };
  return { output: () => buffer, type: (text) => term!.write(text), waitFor, exited };
}

describe("hs session shell in a pty", () => {
  it("marks the prompt, runs commands, follows resizes, Ctrl-C and Ctrl-Z work (job control), blocks TIOCSTI; detaching leaves the session paused", async () => {
    fx = buildFixture();
    const shell = attach(fx);
    await shell.waitFor("[hs:s1]");
    expect(JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout).state).toBe("active");
    shell.type("echo sum=$((6*7)) id=$HS_SESSION_ID\r");
    await shell.waitFor("sum=42 id=s1");
    term!.resize(100, 40);
    shell.type("stty size\r");
    await shell.waitFor("40 100");
    shell.type("sleep 30; echo sleep-finished\r");
    await new Promise((resolve) => setTimeout(resolve, 700));
    const started = Date.now();
    shell.type("\x03");
    await shell.waitFor(/\^C[\s\S]*\[hs:s1\][^\n]*# $/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    shell.type("echo after-ctrl-c\r");
    await shell.waitFor("\rafter-ctrl-c\r");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(shell.output()).not.toContain("\rsleep-finished\r");
    shell.type("sleep 31\r");
    await new Promise((resolve) => setTimeout(resolve, 500));
    shell.type("\x1a");
    await shell.waitFor(/Stopped\s+sleep 31/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    shell.type("kill %1; echo job-control-ok\r");
    await shell.waitFor("\rjob-control-ok\r");
    shell.type(`python3 -c 'import fcntl, termios; fcntl.ioctl(0, termios.TIOCSTI, b"x")' 2>&1 | tail -1\r`);
    await shell.waitFor("Operation not permitted");
    shell.type("exit\r");
    expect(await shell.exited).toBe(0);
    expect(JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout)).toMatchObject({ state: "paused", state_reason: "shell detached" });
  });

  it("a gated command waits for approval in the shell and runs once the operator approves from another process", async () => {
    fx = buildFixture();
    const shell = attach(fx);
    await shell.waitFor("[hs:s1]");
    // git resolves to the session's shim; its slow path asks the host over the socket (C client).
    shell.type(`type git; git reset --hard && echo GATE-RELEASED\r`);
    await shell.waitFor("/.handshake/sessions/s1/bin/git");
    await shell.waitFor("the operator has been asked");
    const pending = await until("a pending request", () => {
      const list = JSON.parse(fx!.hs(["approvals", "--json"]).stdout) as Array<{ id: string; session_id?: string; sessionId?: string }>;
      return list[0];
    });
    expect(JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout).state).toBe("blocked");
    const approved = fx.hs(["approve", pending.id]);
    expect(approved.code, approved.stderr).toBe(0);
    await shell.waitFor("GATE-RELEASED");
    await until("the session back to active", () => JSON.parse(fx!.hs(["session", "show", "s1", "--json"]).stdout).state === "active");
    shell.type("exit\r");
    expect(await shell.exited).toBe(0);
  });
});
