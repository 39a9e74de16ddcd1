// Dirty files for the radar. A worktree session with a live host: ask the host, whose watcher-driven tracker
// already knows (src/sandbox/dirty-tracker.ts). Otherwise, and for the main checkout: one `git status`, hardened
// for session worktrees. Either way the list is advisory: it only feeds the "dirty in two worktrees" warning and
// the per-session count. A session decides what is dirty in its own worktree whichever source is used (it writes
// the files and the index), so trusting its host's answer gives it no power it did not have; nothing the radar
// decides about merging, scopes or objects reads it. The host's reply is parsed as data, size- and time-bounded.
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
    const timer = setTimeout(() => done(null), HOST_TIMEOUT_MS);
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

async function statusScan(owner: string, runner: () => HostGit, isSession: boolean): Promise<DirtyScan> {
  try {
    const git = runner();
    const fields = splitZ((await git.async(STATUS_ARGS)).stdout);
    return { owner, source: "status", files: fields.map((field) => field.slice(3)), nested: isSession ? nestedRepositories(git.cwd, fields) : [], error: null };
  } catch (error) {
    return { owner, source: "status", files: [], nested: [], error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}

function liveSocket(ws: Workspace, session: SessionRecord): string | null {
  const record = getHostRecord(ws, session.id);
  return record?.socketPath && hostIsAlive(record) ? record.socketPath : null;
}

/** The main checkout's dirty files: its `git status` is the longest single step of a warm radar, so it starts first. */
export function scanMain(mainRoot: string): Promise<DirtyScan> {
  return statusScan(MAIN_OWNER, () => hostGit(mainRoot), false);
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

/** The main checkout and every live worktree session's worktree. */
export async function scanDirty(ws: Workspace, live: readonly SessionRecord[], width: number): Promise<DirtyScan[]> {
  const main = scanMain(ws.loc.mainRoot);
  const sessions = await scanSessions(ws, live, width);
  return [await main, ...sessions];
}
