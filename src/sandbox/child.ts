// Starting the session's process: in a pty (shell) or with pipes (run). Never with the operator's tty:
// the pty is a fresh terminal, and piped runs get no controlling terminal at all (bwrap --new-session).
import os from "node:os";
import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { MOUNT_STEP, unshareArgs, wrapWithHomeLayer, type HomeLayer } from "./home-layer.ts";
import type { Rlimits } from "./limits.ts";
import { programPath } from "./programs.ts";

export interface ChildSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** bwrap reads its seccomp program from fd 3; the entry's sh opens it and execs bwrap in place. */
  seccompFile: string | null;
  /** The per-session home layer, mounted in a private mount namespace before bwrap starts. */
  homeLayer?: HomeLayer | null;
  /** cgroup.procs files to join and rlimits to set, applied before bwrap starts (see limits.ts). */
  caps?: { procs: string[]; rlimits: Rlimits };
}

export interface RunningChild {
  pid: number;
  exited: Promise<number>;
}

// The sandbox entry, one sh: joins the session's cgroups first (so every later process is counted), sets the
// rlimits (shell builtins; a cap that cannot be set stops the run), mounts the home layer when it runs inside the
// private mount namespace already, then execs bwrap. dash spells RLIMIT_NPROC -p, bash and busybox -u.
const ENTRY = [
  'f=$1 d=$2 p=$3 h=$4 n=$5; shift 5',
  'refuse() { printf "hs: error [HS-LIMITS-UNAVAILABLE] %s; the session did not run\\nnext: hs doctor\\n" "$1" >&2; exit 125; }',
  'while [ "$n" -gt 0 ]; do echo $$ > "$1" || refuse "cannot join the cgroup $1"; shift; n=$((n-1)); done',
  '[ -z "$d" ] || ulimit -d "$d" || refuse "cannot set the memory limit (ulimit -d $d)"',
  '[ -z "$p" ] || ulimit -p "$p" 2>/dev/null || ulimit -u "$p" || refuse "cannot set the process limit ($p)"',
  'if [ "$h" = 1 ]; then lower=$1 upper=$2 work=$3 mnt=$4; shift 4',
  MOUNT_STEP,
  'fi',
  'if [ -n "$f" ]; then exec "$@" 3<"$f"; else exec "$@"; fi',
].join("\n");

/**
 * The chain that starts the sandbox. As root: unshare (private mount namespace) -> sh (cgroups, rlimits, mount) ->
 * bwrap. A non-root operator needs a user namespace to mount, and joins the cgroups and sets the rlimits outside it
 * first: sh (cgroups, rlimits) -> unshare --user -> sh (mount) -> bwrap. Without a home layer: sh -> bwrap.
 */
export function sandboxEntry(spec: ChildSpec): { file: string; args: string[] } {
  const layer = spec.homeLayer ?? null;
  const procs = spec.caps?.procs ?? [];
  const rlimits = spec.caps?.rlimits ?? { dataKib: null, processes: null };
  if (!spec.seccompFile && !spec.caps && !layer) return { file: spec.file, args: spec.args };
  const limits = [String(rlimits.dataKib ?? ""), String(rlimits.processes ?? "")];
  const entry = (mount: boolean, rest: string[]) => [
    "-c", ENTRY, "hs-sandbox", spec.seccompFile ?? "", ...limits, mount ? "1" : "0", String(procs.length), ...procs, ...rest,
  ];
  if (layer && !layer.ids) {
    const mount = [layer.home, layer.upper, layer.work, layer.mount];
    const args = [...unshareArgs(layer), "/bin/sh", ...entry(true, [...mount, spec.file, ...spec.args])];
    return { file: programPath("unshare"), args };
  }
  const inner = layer ? wrapWithHomeLayer(layer, spec.file, spec.args) : { file: spec.file, args: spec.args };
  return { file: "/bin/sh", args: entry(false, [inner.file, ...inner.args]) };
}

export interface PtyIo {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

export async function spawnInPty(spec: ChildSpec, io: PtyIo): Promise<RunningChild> {
  const pty = await import("node-pty");
  const { file, args } = sandboxEntry(spec);
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
  const { file, args } = sandboxEntry(spec);
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
