// `failed` is reachable: a session whose host crashes POISON_AFTER_CRASHES times in a row (kill -9, real
// detached hosts in real sandboxes) is poisoned; the next look moves it to failed, which is terminal.
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, type Fixture } from "../sandbox/fixture.ts";
import { hostRow, sleepsOf, until } from "../sandbox/procs.ts";
import { isAlive } from "../../src/sandbox/proc.ts";
import { POISON_AFTER_CRASHES } from "../../src/sandbox/recovery.ts";

let fx: Fixture | undefined;
afterEach(() => {
  fx?.hs(["session", "cancel", "s1"]);
  fx?.cleanup();
  fx = undefined;
});

async function crashHost(fixture: Fixture): Promise<void> {
  const host = hostRow(fixture.main, "s1")!.host_pid;
  await until("the session's sleep to run", () => sleepsOf(host).length >= 1);
  process.kill(host, "SIGKILL");
  await until("the host to be gone", () => !isAlive(host), 10_000);
}

describe("poisoned host -> failed", () => {
  it(`after ${POISON_AFTER_CRASHES} crashes without a clean stop the session is failed, its next step is merge-back, resume is refused`, async () => {
    fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**"] }] });
    const started = fx.hs(["session", "run", "s1", "--detach", "--", "sh", "-c", "sleep 300"]);
    expect(started.code, started.stderr).toBe(0);
    for (let crash = 1; crash <= POISON_AFTER_CRASHES; crash += 1) {
      await crashHost(fx);
      const shown = JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout) as { state: string; state_reason: string };
      if (crash < POISON_AFTER_CRASHES) {
        expect(shown).toMatchObject({ state: "paused", state_reason: "crash_recovery" });
        const resumed = fx.hs(["session", "resume", "s1"]);
        expect(resumed.code, resumed.stderr).toBe(0);
      } else {
        expect(shown.state).toBe("failed");
        expect(shown.state_reason).toMatch(/^host_poisoned: crashed 3 times/);
      }
    }
    const recoveries = JSON.parse(fx.hs(["log", "--type", "session_recovery_attempted", "--json"]).stdout) as Array<{ payload: Record<string, unknown> }>;
    expect(recoveries.map((event) => event.payload.to_state)).toEqual(["paused", "paused", "failed"]);
    expect(recoveries.at(-1)?.payload).toMatchObject({ consecutive_crashes: 3, locks_kept: false, next: "hs merge-back s1" });
    const again = fx.hs(["session", "resume", "s1"]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("HS-SESSION-TERMINAL");
  });
});
