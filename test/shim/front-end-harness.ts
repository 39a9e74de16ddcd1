// Runs the sh shim and the compiled front end side by side on the same argv, working directory and raw
// environment (through the launcher in front-end-probe.c, so any byte, duplicate and odd name gets through),
// with a stand-in real binary that reports its arguments, directory and environment.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { renderShim, type ShimTool, type ShimValues } from "../../src/shim/render.ts";
import { compiledFrontEnd, renderFrontEnd } from "../../src/shim/front-end.ts";

export type Word = string | Buffer;
export type Outcome = { kind: "fast" | "slow" | "delegated" | "other"; code: number | null; report: string[]; raw: string };

export interface Variant {
  name: string;
  tool: ShimTool;
  scope: string[];
  governance: string[];
}

export interface Harness {
  dir: string;
  /** Runs one shim file of a variant: "sh" (the sh shim), "c" (the front end, handing off to a stand-in), "both". */
  run(variant: string, front: "sh" | "c" | "both", argv: Word[] | null, cwd: string, env: Word[], rmdir?: boolean): Promise<Outcome>;
  cleanup(): void;
}

/** The launcher's stdin: every field followed by a NUL byte. */
const fields = (words: Word[]) => Buffer.concat(words.flatMap((word) => [Buffer.from(word), Buffer.from([0])]));

function launch(launcher: string, input: Buffer): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(launcher, [], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
    child.stdin.end(input);
  });
}

function standIn(file: string, body: string): string {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

function compile(source: string, target: string, flags: string[] = []): void {
  const result = spawnSync(process.env.CC || "cc", ["-O2", "-Wall", ...flags, "-o", target, source], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`cannot compile ${source}: ${result.stderr}`);
}

export function buildHarness(worktree: string, handshakeDir: string, variants: Variant[]): Harness {
  const binary = compiledFrontEnd();
  if (!binary) throw new Error("dist/hs-shim is missing (node scripts/build.mjs with a C compiler)");
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-front-end-")));
  const probeSource = path.join(path.dirname(new URL(import.meta.url).pathname), "front-end-probe.c");
  compile(probeSource, path.join(dir, "launch"));
  compile(probeSource, path.join(dir, "real"), ["-DSTAND_IN"]);
  const node = standIn(path.join(dir, "node"), "echo SLOW; exit 77");
  const delegated = standIn(path.join(dir, "delegated"), "echo DELEGATED; exit 77");
  for (const variant of variants) {
    const values: ShimValues = {
      sessionId: "s1", real: path.join(dir, "real"), node, entry: "/nonexistent/hs.js", worktree, handshakeDir,
      scope: variant.scope, governance: variant.governance, gitConfig: path.join(dir, "git-global", "config"),
    };
    const sh = path.join(dir, `${variant.name}.sh`);
    fs.writeFileSync(sh, renderShim(variant.tool, values), { mode: 0o755 });
    for (const [suffix, next] of [["c", delegated], ["both", sh]] as const) {
      const front = renderFrontEnd(variant.tool, values, next, binary);
      if (!front) throw new Error(`the front end config of ${variant.name} does not fit`);
      fs.writeFileSync(path.join(dir, `${variant.name}.${suffix}`), front, { mode: 0o755 });
    }
  }
  return {
    dir,
    async run(variant, front, argv, cwd, env, rmdir = false) {
      const file = path.join(dir, `${variant}.${front}`);
      const words = argv === null ? [] : [variant, ...argv];
      const result = await launch(path.join(dir, "launch"), fields([cwd, rmdir ? "1" : "0", String(env.length), ...env, file, ...words]));
      const raw = result.stdout.toString("latin1");
      const kind = raw.startsWith("FAST\0") ? "fast" : raw.startsWith("SLOW") ? "slow" : raw.startsWith("DELEGATED") ? "delegated" : "other";
      const report = kind === "fast" ? raw.split("\0").slice(1) : [];
      return { kind, code: result.code, report, raw: kind === "other" ? `${raw}${result.stderr.toString("latin1")}` : raw };
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The stand-in's report with the environment sorted (a shell exports variables in its own order). */
export function normalised(outcome: Outcome): string[] {
  const env = outcome.report.filter((line) => line.startsWith("E")).sort();
  return [...outcome.report.filter((line) => !line.startsWith("E")), ...env];
}
