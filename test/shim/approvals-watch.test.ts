// `hs approvals --watch` in a real pty (node-pty): a request arrives (bell), is approved from another
// terminal, and leaves the list; Ctrl-C ends the watch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pty from "node-pty";
import { HS_BIN, hs } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { gatedAsync, makeGateRepo, pendingRequest, type GateRepo } from "./session-shell.ts";

let g: GateRepo;
beforeAll(() => {
  g = makeGateRepo({ s1: ["src/**"] });
});
afterAll(() => g?.cleanup());

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("hs approvals --watch", () => {
  it("shows a request arriving with a bell, then its approval, in a pty", async () => {
    let screen = "";
    // PATH without notify-send: the watch must not depend on a desktop.
    const term = pty.spawn(process.execPath, [HS_BIN, "approvals", "--watch"], {
      name: "xterm",
      cols: 160,
      rows: 40,
      cwd: g.repo.root,
      env: cleanEnv({ TERM: "xterm", PATH: "/usr/bin:/bin" }) as Record<string, string>,
    });
    term.onData((data) => (screen += data));
    const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    try {
      await until("the empty list", () => screen.includes("no pending approval requests"));
      expect(screen).not.toContain("\u0007");
      const run = gatedAsync("s1", "git commit -q --no-verify --allow-empty -m watched; echo rc=$?", { cwd: g.wt("s1") });
      const request = await pendingRequest(g.repo.root, "s1", "watched");
      await until("the request on screen", () => screen.includes(request.id) && screen.includes("1 pending"));
      await until("the bell", () => screen.includes("\u0007"));
      expect(screen).toContain("argv:   git commit -q --no-verify --allow-empty -m watched");
      expect(screen).toContain("a command is waiting for the decision");
      screen = "";
      expect(hs(["approve", request.id], { cwd: g.repo.root }).code).toBe(0);
      await until("the list emptied", () => screen.includes("0 pending") && screen.includes("no pending approval requests"));
      expect((await run.done).stdout).toBe("rc=0\n");
      term.write("\u0003");
      expect(await exited).toBe(0);
    } finally {
      term.kill();
    }
  });
});
