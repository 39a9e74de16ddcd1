// Dirty files for the radar. A worktree session with a live host: ask the host, whose watcher-driven tracker
// already knows (src/sandbox/dirty-tracker.ts). Otherwise one hardened `git status` per worktree; the main checkout
// is only asked about the paths dirty in some session (scanMain). Either way the list is advisory: it only feeds the
// "dirty in two worktrees" warning and the per-session count. A session decides what is dirty in its own worktree
// whichever source is used (it writes the files and the index), so trusting its host's answer gives it no power it
// did not have (the paths it names limit the main checkout's status: a bad one only costs the full status); nothing
// the radar decides about merging, scopes or objects reads it. The host's reply is parsed as data, size- and
// time-bounded.
import net from "node:net";
import fs from "node:fs";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { getHostRecord, hostIsAlive } from "../sandbox/host-record.ts";
import { encodeRequest, parseReply } from "../sandbox/protocol.ts";
import { hostGit, sessionGitOf, splitZ, type HostGit } from "./git.ts";
import { nestedRepositories } from "./nested.ts";
import { pool } from "./pool.ts";

export const DIRTY_SOURCES = ["watcher", "status", "none"] as const;
export type DirtySource = (typeof DIRTY_SOURCES)[number];

export interface DirtyScan {
  owner: string;
  source: DirtySource;
  files: string[];
  nested: string[];
  error: string | null;
}

export const MAIN_OWNER = "(main worktree)";
const STATUS_ARGS = ["status", "--porcelain=v1", "-z", "--untracked-files=normal", "--no-renames"];
// Generous: a host answers from memory, so only a wedged host is this slow, and falling back costs a full status.
const HOST_TIMEOUT_MS = 1000;
const MAX_REPLY = 32 * 1024 * 1024;
const MAX_PATH = 4096;
// Past this the limited main status is no cheaper than the full one (and argv has limits).
const MAX_PATHSPECS = 4096;
const MAX_PATHSPEC_BYTES = 256 * 1024;

/** Pure: the host's JSON reply -> files and nested repositories, or null when it is not the expected shape. */
export function parseDirtyReply(text: string): { files: string[]; nested: string[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const list = (field: unknown): string[] | null =>
    Array.isArray(field) && field.every((item) => typeof item === "string" && item.length > 0 && item.length <= MAX_PATH && !item.includes("\0")) ? (field as string[]) : null;
  if (!value || typeof value !== "object") return null;
  const files = list((value as Record<string, unknown>).files);
  const nested = list((value as Record<string, unknown>).nested);
  return files && nested ? { files, nested } : null;
}

/** One `dirty` request to a host socket; null on any failure (refused, slow, oversized, malformed). */
function askHost(socketPath: string): Promise<{ files: string[]; nested: string[] } | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = net.createConnection(socketPath);
    const done = (value: { files: string[]; nested: string[] } | null) => (socket.destroy(), clearTimeout(timer), resolve(value));
    // After a long synchronous stretch in the caller, timers run before pending I/O: give an answer that already
    // arrived one turn of the loop before calling the host slow.
    const timer = setTimeout(() => setImmediate(() => done(null)), HOST_TIMEOUT_MS);
    socket.on("connect", () => socket.end(encodeRequest({ verb: "dirty", cwd: "/" })));
    socket.on("data", (chunk: Buffer) => ((size += chunk.length) > MAX_REPLY ? done(null) : chunks.push(chunk)));
    socket.on("error", () => done(null));
    socket.on("close", () => {
      try {
        const reply = parseReply(Buffer.concat(chunks));
        done(reply.code === 0 ? parseDirtyReply(reply.stdout) : null);
      } catch {
        done(null);
      }
    });
  });
}

async function statusScan(owner: string, runner: () => HostGit, isSession: boolean, pathspecs: readonly string[] = []): Promise<DirtyScan> {
  try {
    const git = runner();
    const result = await git.async(pathspecs.length ? [...STATUS_ARGS, "--", ...pathspecs] : STATUS_ARGS);
    if (result.stopped === "time") throw new Error(`git status did not finish in time (HS_SESSION_GIT_TIMEOUT_MS) and was stopped: look for a named pipe (find ${git.cwd} -type p)`);
    if (result.code !== 0) throw new Error(result.stderr.trim().split("\n")[0] || `git status exited ${result.code}`);
    const fields = splitZ(result.stdout);
    return { owner, source: "status", files: fields.map((field) => field.slice(3)), nested: isSession ? nestedRepositories(git.cwd, fields) : [], error: null };
  } catch (error) {
    return { owner, source: "status", files: [], nested: [], error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}

function liveSocket(ws: Workspace, session: SessionRecord): string | null {
  const record = getHostRecord(ws, session.id);
  return record?.socketPath && hostIsAlive(record) ? record.socketPath : null;
}

/** Pure: a repository-relative path that is safe as a literal pathspec (no absolute path, no `.`/`..` segment). */
export function plainRelative(file: string): boolean {
  const segments = file.endsWith("/") ? file.slice(0, -1).split("/") : file.split("/");
  return file.length > 0 && segments.every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/**
 * The main checkout's dirty files as far as they matter: main has no row of its own, its files only feed "dirty in
 * two worktrees", so its status is limited to the paths dirty in some session (literal pathspecs: a few lstats
 * instead of one per tracked file). Nothing dirty anywhere: no status at all. Too many paths, or a pathspec git
 * refuses: the full status, as before. The paths come from sessions; a bad one can only cost a full status.
 */
export async function scanMain(mainRoot: string, sessions: readonly DirtyScan[]): Promise<DirtyScan> {
  const paths = [...new Set(sessions.flatMap((scan) => scan.files))];
  if (!paths.length) return { owner: MAIN_OWNER, source: "status", files: [], nested: [], error: null };
  const full = () => statusScan(MAIN_OWNER, () => hostGit(mainRoot), false);
  const bytes = paths.reduce((sum, file) => sum + file.length + 1, 0);
  if (paths.length > MAX_PATHSPECS || bytes > MAX_PATHSPEC_BYTES || !paths.every(plainRelative)) return full();
  const limited = await statusScan(MAIN_OWNER, () => hostGit(mainRoot, { GIT_LITERAL_PATHSPECS: "1" }), false, paths);
  return limited.error ? full() : limited;
}

/** Every live worktree session's worktree: all hosts asked at once, `git status` only where none answers. */
export async function scanSessions(ws: Workspace, live: readonly SessionRecord[], width: number): Promise<DirtyScan[]> {
  const sessions = live.filter((session) => session.isolation === "worktree" && fs.existsSync(session.worktree));
  const answers = await Promise.all(sessions.map(async (session) => {
    const socket = liveSocket(ws, session);
    return socket ? askHost(socket) : null;
  }));
  const tasks = sessions.map((session, index): (() => Promise<DirtyScan>) => {
    const answer = answers[index];
    return answer ? async () => ({ owner: session.id, source: "watcher", ...answer, error: null }) : () => statusScan(session.id, () => sessionGitOf(ws, session), true);
  });
  return pool(tasks, width);
}

/** The sessions' worktrees, then the main checkout (limited to what they hold): main first in the list. */
export async function scanDirty(ws: Workspace, live: readonly SessionRecord[], width: number): Promise<DirtyScan[]> {
  const sessions = await scanSessions(ws, live, width);
  return [await scanMain(ws.loc.mainRoot, sessions), ...sessions];
}
