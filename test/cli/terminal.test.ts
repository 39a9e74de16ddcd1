// Colour and progress as an operator sees them, through a real pty (node-pty): colour on a terminal, none
// with NO_COLOR, --no-color or --json; progress lines on a terminal's stderr, none when stderr is a pipe.
import { afterAll, beforeAll, expect, test } from "vitest";
import * as pty from "node-pty";
import { HS_BIN, hs } from "../helpers/hs.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo();
  repo.write("src/a.ts", "a\n");
  repo.git(["add", "-A"]);
  repo.git(["commit", "-qm", "init"]);
  expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
});
afterAll(() => repo?.cleanup());

/** Runs hs in a pty (stdout and stderr both the terminal) and returns everything it wrote. */
function inPty(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    const term = pty.spawn(process.execPath, [HS_BIN, ...args], { name: "xterm", cols: 120, rows: 30, cwd: repo.root, env: cleanEnv({ TERM: "xterm", ...env }) as Record<string, string> });
    term.onData((data) => (output += data));
    term.onExit(({ exitCode }) => resolve({ code: exitCode, output }));
  });
}

const BOLD_HEADER = "\x1b[1mID";
const RED_ERROR = "\x1b[31mhs: error [HS-SESSION-NOT-FOUND]";

test("on a terminal: progress while a session's worktree is checked out, then a bold table header and red errors", async () => {
  const created = await inPty(["session", "create", "--id", "p1", "--scope", "src/**"]);
  expect(created.code, created.output).toBe(0);
  expect(created.output).toContain("creating session p1 (checking out its worktree) ...");
  expect(created.output).toMatch(/git worktree add \S+p1 \.\.\./);
  // The progress line is erased before the result is printed.
  expect(created.output).toMatch(/\r\x1b\[2K[^]*created session p1/);
  expect(created.output).toContain("\x1b[36mnext:\x1b[0m hs session shell p1");
  const listed = await inPty(["session", "list"]);
  expect(listed.output).toContain(BOLD_HEADER);
  const missing = await inPty(["session", "show", "nope"]);
  expect(missing.code).toBe(5);
  expect(missing.output).toContain(RED_ERROR);
});

test("NO_COLOR, --no-color and --json turn colour off on a terminal; an empty NO_COLOR does not", async () => {
  const runs = await Promise.all([
    inPty(["session", "list"], { NO_COLOR: "1" }),
    inPty(["session", "list", "--no-color"]),
    inPty(["--no-color", "session", "show", "nope"]),
    inPty(["session", "show", "nope", "--json"]),
    inPty(["session", "list", "--json"]),
    inPty(["session", "list"], { NO_COLOR: "" }),
  ]);
  const escapes = runs.map((run) => /\x1b\[[0-9;]*m/.test(run.output));
  expect(escapes).toEqual([false, false, false, false, false, true]);
  expect(runs[2]!.output).toContain("hs: error [HS-SESSION-NOT-FOUND]");
});

test("no progress when stderr is not a terminal", () => {
  const created = hs(["session", "create", "--id", "p2", "--scope", "docs/**"], { cwd: repo.root });
  expect(created.code, created.stderr).toBe(0);
  expect(created.stderr).toBe("");
  expect(created.stdout).not.toContain("\x1b");
});
