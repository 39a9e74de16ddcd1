// Shared by the guard attack tests: an attempt runs inside s1's real sandbox (hs session run s1 -- sh -c …),
// and reports the exit code, what changed outside the session, and the access.denied events it caused.
import path from "node:path";
import { expect } from "vitest";
import { diffSnapshots, outsideSnapshot, runIn, type Fixture } from "../sandbox/fixture.ts";
import { REPO_ROOT } from "../helpers/hs.ts";

/** `python3 <this>/host-socket.py CWD ARGV…`: a raw request to the host socket, no forwarder, no environment. */
export const RAW_SOCKET = `python3 ${path.join(REPO_ROOT, "test", "attacks", "host-socket.py")}`;

export interface FrEvent {
  seq: number;
  type: string;
  session_id: string | null;
  actor: string;
  payload: Record<string, unknown>;
}

export function events(fx: Fixture, type: string): FrEvent[] {
  const result = fx.hs(["log", "--type", type, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as FrEvent[];
}

export interface Attempt {
  code: number;
  stdout: string;
  stderr: string;
  changes: string[];
  denials: FrEvent[];
}

export async function attempt(fx: Fixture, line: string): Promise<Attempt> {
  const before = outsideSnapshot(fx);
  const seen = new Set(events(fx, "access.denied").map((event) => event.seq));
  const result = await runIn(fx, line);
  const changes = diffSnapshots(before, outsideSnapshot(fx));
  const denials = events(fx, "access.denied").filter((event) => !seen.has(event.seq));
  return { ...result, changes, denials };
}

/** The session's state and reason, read by the operator. */
export function stateOf(fx: Fixture, id: string): { state: string; state_reason: string | null } {
  const shown = fx.hs(["session", "show", id, "--json"]);
  expect(shown.code, shown.stderr).toBe(0);
  const { state, state_reason } = JSON.parse(shown.stdout) as { state: string; state_reason: string | null };
  return { state, state_reason };
}

/** `git fsck --strict` of the shared repository: clean after every attack. */
export function expectFsckClean(fx: Fixture): void {
  fx.git(["fsck", "--strict", "--no-progress"]);
}

export interface CaseOutcome {
  name: string;
  exit: number;
  stderr: string;
}

/** Several attempts in one sandboxed run (one start-up, one snapshot): each case's exit code and stderr. */
export async function attemptAll(fx: Fixture, cases: Array<[name: string, line: string]>): Promise<Attempt & { cases: CaseOutcome[] }> {
  const script = cases.map(([, line], index) => `echo "@@case ${index}" >&2; (${line}); echo "@@exit ${index} $?" >&2`).join("\n");
  const result = await attempt(fx, script);
  const outcomes = cases.map(([name], index) => {
    const start = result.stderr.indexOf(`@@case ${index}\n`);
    const end = result.stderr.indexOf(`@@exit ${index} `, start);
    const exit = Number(/^@@exit \d+ (\d+)/.exec(result.stderr.slice(end))?.[1] ?? -1);
    return { name, exit, stderr: start < 0 || end < 0 ? "" : result.stderr.slice(start, end) };
  });
  return { ...result, cases: outcomes };
}
