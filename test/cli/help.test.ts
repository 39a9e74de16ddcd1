// Every command group and subcommand in the catalog answers --help with its description and an example,
// `hs help X` prints exactly what `hs X --help` prints, and mistyped names get a pasteable suggestion.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { HS_BIN } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { visibleGroups } from "../../src/cli/catalog.ts";

// Help needs no repository: run it somewhere that is not one.
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-help-")));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hs(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HS_BIN, ...args], { cwd: dir, env: cleanEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A few at a time: the machine is shared. */
async function all<T, R>(items: T[], fn: (item: T) => Promise<R>, width = 4): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  }));
  return results;
}

const paths = visibleGroups().flatMap(([name, group]) => [
  { path: [name], spec: group },
  ...Object.entries(group.subcommands ?? {}).map(([sub, spec]) => ({ path: [name, sub], spec })),
]);

test("the catalog covers every group with a description and an example that starts with its own command", () => {
  expect(paths.length).toBeGreaterThan(25);
  for (const { path: words, spec } of paths) {
    expect(spec.describe.length, words.join(" ")).toBeGreaterThan(10);
    expect(spec.describe.length, `${words.join(" ")}: one line that yargs does not wrap`).toBeLessThanOrEqual(76);
    expect(spec.example.replace(/^eval "\$\(/, ""), words.join(" ")).toMatch(new RegExp(`^hs ${words.join(" ")}( |$)`));
  }
});

// One test per group: the group and each of its subcommands, --help and hs help, a few processes at a time.
test.each(visibleGroups().map(([name]) => name))("hs %s and its subcommands: --help exits 0 with the description and example; hs help is the same text", async (name) => {
  const mine = paths.filter((entry) => entry.path[0] === name);
  const runs = await all(mine, async ({ path: words }) => ({ words, help: await hs([...words, "--help"]), viaHelp: await hs(["help", ...words]) }));
  for (const { words, help, viaHelp } of runs) {
    const { spec } = mine.find((entry) => entry.path === words)!;
    const label = `hs ${words.join(" ")} --help`;
    expect({ label, code: help.code, stderr: help.stderr }).toEqual({ label, code: 0, stderr: "" });
    expect(help.stdout, label).toContain(spec.describe);
    expect(help.stdout, label).toContain(spec.example);
    expect(viaHelp.stdout, `hs help ${words.join(" ")}`).toBe(help.stdout);
    expect(viaHelp.code).toBe(0);
  }
}, 180_000); // the session group is ~50 CLI starts: a minute on a loaded 2-core machine

test("the top-level help lists every visible group; hs help alone is the same text", async () => {
  const [top, help] = await Promise.all([hs(["--help"]), hs(["help"])]);
  expect(top.code).toBe(0);
  for (const [name, group] of visibleGroups()) expect(top.stdout).toContain(`${name}`.padEnd(12) + group.describe);
  expect(help.stdout).toBe(top.stdout);
  expect(top.stdout).not.toContain("__hook");
});

test("a mistyped command or subcommand is refused with HS-USAGE and the corrected command line as next:", async () => {
  const cases: Array<[string[], string]> = [
    [["sesion", "list", "--json"], "hs session list --json"],
    [["session", "creat", "--scope", "src/**"], "hs session create --scope 'src/**'"],
    [["log", "verfy"], "hs log verify"],
    [["lokc", "list"], "hs lock list"],
    [["help", "aprove"], "hs approve --help"],
  ];
  const runs = await all(cases, ([argv]) => hs(argv));
  runs.forEach((run, index) => {
    const [argv, next] = cases[index]!;
    expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
    expect(run.stderr).toMatch(/hs: error \[HS-USAGE\] unknown (sub)?command '[^']+'; did you mean '[^']+'\?/);
    expect(run.stderr).toContain(`next: ${next}\n`);
  });
  const unknown = await hs(["qqqq"]);
  expect(unknown.stderr).toContain("unknown command 'qqqq'");
  expect(unknown.stderr).toContain("next: hs --help");
});

test("the suggested command works when pasted (here: the help it names)", async () => {
  const wrong = await hs(["help", "sesion", "creat"]);
  const next = /next: hs (.*)\n/.exec(wrong.stderr)![1]!.split(" ");
  const pasted = await hs(next);
  expect(pasted.code).toBe(0);
  expect(pasted.stdout).toContain("create a session");
});

test("a group without its subcommand prints its help on stderr and exits 2", async () => {
  const lock = await hs(["lock"]);
  expect(lock.code).toBe(2);
  expect(lock.stderr).toContain("subcommands:");
  expect(lock.stderr).toContain("release");
});
