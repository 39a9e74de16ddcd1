// The only place in hs that spawns git. Callers pass the environment explicitly so that hooks
// (which must keep GIT_INDEX_FILE & co.) and host-side checks (which must neutralise config) differ on purpose.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { trace, traceOn } from "../trace.ts";
import { shQuote } from "../shim/shell-quote.ts";

export interface GitRequest {
  args: readonly string[];
  cwd: string;
  /** Full environment for the child. Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Return stdout as a Buffer (for -z output with binary-safe paths). */
  binary?: boolean;
  gitBinary?: string;
  /**
   * Kill git (SIGKILL) after this many milliseconds. Async: the result says `stopped: "time"`. Sync: throws
   * HS-GIT-TIMEOUT (a sync caller cannot use a half answer).
   */
  timeoutMs?: number;
  /** Async only: kill git once stdout passes this many bytes; stdout is cut there and `stopped: "bytes"`. */
  maxBytes?: number;
  /** Async only: kill git (SIGKILL) when this aborts, e.g. the session host exiting mid-scan. */
  signal?: AbortSignal;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when runGit stopped git early (timeoutMs, maxBytes). */
  stopped?: "time" | "bytes";
}

export interface GitBufferResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const MAX_BUFFER = 1024 * 1024 * 512;

let resolvedGit: string | undefined;

/**
 * hs's own git calls never go through a session's shim (that would gate and count them against the
 * session's budget): the first git on PATH outside any `.handshake/sessions/<id>/bin`.
 */
export function gitBinary(): string {
  if (process.env.HS_GIT_BINARY) return process.env.HS_GIT_BINARY;
  if (resolvedGit) return resolvedGit;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || /[/\\]\.handshake[/\\]sessions[/\\][^/\\]+[/\\]bin[/\\]?$/.test(dir)) continue;
    const candidate = path.join(dir, "git");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return (resolvedGit = candidate);
    } catch {
      // not here; keep looking
    }
  }
  return (resolvedGit = "git");
}

/** The subcommand of an argv (after -c pairs and global flags), for HS_TRACE lines. */
function subcommand(args: readonly string[]): string {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === "-c" || arg === "-C") index += 1;
    else if (!arg.startsWith("-")) return args.slice(index, index + 3).join(" ");
  }
  return "?";
}

function timedOut(request: GitRequest, error: Error): HsError {
  return new HsError("HS-GIT-TIMEOUT", `git ${subcommand(request.args)} in ${request.cwd} did not finish within ${request.timeoutMs} ms and was stopped`, {
    hint: `find ${shQuote(request.cwd)} -type p   (a named pipe where git reads a file, e.g. .gitignore, blocks it forever)`,
    details: { args: request.args, cwd: request.cwd, timeout_ms: request.timeoutMs },
    cause: error,
  });
}

function syncFailure(request: GitRequest, error: Error): HsError {
  if ((error as NodeJS.ErrnoException).code === "ETIMEDOUT") return timedOut(request, error);
  return new HsError("HS-GIT-FAILED", `could not run git: ${error.message}`, { cause: error });
}

export function runGitSync(request: GitRequest): GitResult {
  const started = traceOn ? performance.now() : 0;
  const result = spawnSync(request.gitBinary ?? gitBinary(), request.args as string[], {
    cwd: request.cwd,
    env: request.env ?? process.env,
    input: request.input,
    maxBuffer: MAX_BUFFER,
    encoding: "utf8",
    timeout: request.timeoutMs,
    killSignal: "SIGKILL",
  });
  if (result.error) throw syncFailure(request, result.error);
  if (traceOn) trace(`git ${subcommand(request.args)}`, started);
  return { code: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}

export function runGitSyncBuffer(request: GitRequest): GitBufferResult {
  const started = traceOn ? performance.now() : 0;
  const result = spawnSync(request.gitBinary ?? gitBinary(), request.args as string[], {
    cwd: request.cwd,
    env: request.env ?? process.env,
    input: request.input,
    maxBuffer: MAX_BUFFER,
    timeout: request.timeoutMs,
    killSignal: "SIGKILL",
  });
  if (result.error) throw syncFailure(request, result.error);
  if (traceOn) trace(`git ${subcommand(request.args)}`, started);
  return { code: result.status ?? 128, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

export function runGit(request: GitRequest): Promise<GitResult> {
  const started = traceOn ? performance.now() : 0;
  return new Promise((resolve, reject) => {
    const child = spawn(request.gitBinary ?? gitBinary(), request.args as string[], {
      cwd: request.cwd,
      env: request.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      signal: request.signal,
      killSignal: "SIGKILL",
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let stopped: GitResult["stopped"];
    const stop = (why: "time" | "bytes") => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = request.timeoutMs === undefined ? undefined : setTimeout(() => stop("time"), request.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      if (stopped) return;
      size += chunk.length;
      out.push(chunk);
      if (request.maxBytes !== undefined && size > request.maxBytes) stop("bytes");
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    // A git that exits before reading stdin makes ending it an EPIPE; its exit code already says what happened.
    child.stdin.on("error", () => {});
    child.on("error", (error) => reject(new HsError("HS-GIT-FAILED", `could not run git: ${error.message}`, { cause: error })));
    child.on("close", (code) => {
      clearTimeout(timer);
      if (traceOn) trace(`git ${subcommand(request.args)} (async)`, started);
      const stdout = Buffer.concat(out);
      resolve({
        code: code ?? 128,
        stdout: (request.maxBytes !== undefined ? stdout.subarray(0, request.maxBytes) : stdout).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ...(stopped ? { stopped } : {}),
      });
    });
    child.stdin.end(request.input ?? "");
  });
}

/** Runs git and throws HS-GIT-FAILED (with args, exit code and stderr as fields) on a non-zero exit. */
export function gitOk(request: GitRequest): string {
  const result = runGitSync(request);
  if (result.code !== 0) throw gitFailure(request, result);
  return result.stdout;
}

export function gitFailure(request: GitRequest, result: { code: number; stderr: string }): HsError {
  const firstLine = result.stderr.trim().split("\n")[0] ?? "";
  return new HsError("HS-GIT-FAILED", `git ${request.args.join(" ")} exited ${result.code}: ${firstLine}`, {
    details: { args: request.args, cwd: request.cwd, exitCode: result.code, stderr: result.stderr },
  });
}
