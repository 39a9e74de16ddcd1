// Starting the session's process: in a pty (shell) or with pipes (run). Never with the operator's tty:
// the pty is a fresh terminal, and piped runs get no controlling terminal at all (bwrap --new-session).
import os from "node:os";
import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { wrapWithHomeLayer, type HomeLayer } from "./home-layer.ts";

export interface ChildSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** bwrap reads its seccomp program from fd 3; a tiny sh opens it and execs bwrap in place. */
  seccompFile: string | null;
  /** The per-session home layer, mounted in a private mount namespace before bwrap starts. */
  homeLayer?: HomeLayer | null;
  /** cgroup.procs files to join and prlimit(1) options, applied before bwrap starts (see limits.ts). */
  caps?: { procs: string[]; rlimits: string[]; prlimit: string | null };
}

export interface RunningChild {
  pid: number;
  exited: Promise<number>;
}

// Joins the session's cgroups first (so every later process is counted), then execs through prlimit.
const ENTRY = `f=$1; shift; n=$1; shift
while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done
if [ -n "$f" ]; then exec "$@" 3<"$f"; else exec "$@"; fi`;

function withSeccomp(spec: ChildSpec): { file: string; args: string[] } {
  const inner = spec.homeLayer ? wrapWithHomeLayer(spec.homeLayer, spec.file, spec.args) : { file: spec.file, args: spec.args };
  const caps = spec.caps;
  if (!spec.seccompFile && !caps) return inner;
  const limited = caps?.rlimits.length && caps.prlimit ? [caps.prlimit, ...caps.rlimits, "--", inner.file, ...inner.args] : [inner.file, ...inner.args];
  const procs = caps?.procs ?? [];
  return { file: "/bin/sh", args: ["-c", ENTRY, "hs-sandbox", spec.seccompFile ?? "", String(procs.length), ...procs, ...limited] };
}

export interface PtyIo {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

export async function spawnInPty(spec: ChildSpec, io: PtyIo): Promise<RunningChild> {
  const pty = await import("node-pty");
  const { file, args } = withSeccomp(spec);
  const term = pty.spawn(file, args, {
    name: spec.env.TERM || "xterm-256color",
    cols: io.output.columns || 80,
    rows: io.output.rows || 24,
    cwd: spec.cwd,
    env: spec.env,
  });
  const raw = io.input.isTTY === true;
  if (raw) io.input.setRawMode(true);
  const onInput = (data: Buffer) => term.write(data.toString("utf8"));
  const onResize = () => term.resize(io.output.columns || 80, io.output.rows || 24);
  io.input.on("data", onInput);
  io.input.resume();
  io.output.on("resize", onResize);
  process.on("SIGWINCH", onResize);
  term.onData((data) => io.output.write(data));
  const exited = new Promise<number>((resolve) => {
    term.onExit(({ exitCode, signal }) => {
      io.input.off("data", onInput);
      io.input.pause();
      io.output.off("resize", onResize);
      process.off("SIGWINCH", onResize);
      if (raw) io.input.setRawMode(false);
      resolve(signal ? 128 + signal : exitCode);
    });
  });
  return { pid: term.pid, exited };
}

export interface PipeIo {
  stdin: Readable | null;
  stdout: Writable;
  stderr: Writable;
}

export function spawnPiped(spec: ChildSpec, io: PipeIo): RunningChild {
  const { file, args } = withSeccomp(spec);
  const child = spawn(file, args, { cwd: spec.cwd, env: spec.env, stdio: [io.stdin ? "pipe" : "ignore", "pipe", "pipe"] });
  if (io.stdin && child.stdin) {
    io.stdin.pipe(child.stdin);
    child.stdin.on("error", () => undefined);
  }
  child.stdout?.on("data", (chunk: Buffer) => io.stdout.write(chunk));
  child.stderr?.on("data", (chunk: Buffer) => io.stderr.write(chunk));
  const exited = new Promise<number>((resolve) => {
    child.on("error", (error) => {
      io.stderr.write(`hs: cannot start ${spec.file}: ${error.message}\n`);
      resolve(127);
    });
    child.on("close", (code, signal) => {
      if (io.stdin) io.stdin.unpipe(child.stdin ?? undefined);
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 15));
    });
  });
  return { pid: child.pid ?? -1, exited };
}
