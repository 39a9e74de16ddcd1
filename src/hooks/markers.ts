// Reads the marker files a session leaves in a worktree's git dir (formats: docs/internals.md).
// Hand-checked, not zod: hooks must start fast. A marker that is present but unreadable fails closed.
import fs from "node:fs";
import path from "node:path";

export interface SessionMarker {
  schema: "hs.session-marker@1";
  session_id: string;
  workspace_id: string;
  handshake_dir: string;
  worktree: string;
  branch: string;
  ref_namespace: string;
  scope: string[];
  governance: string[];
  /** Branches no session may move (workspace.json protected_branches); absent in markers older than the field. */
  protected_branches?: string[];
  target_branch: string | null;
}

export interface LockEntry {
  lock_id: string;
  glob: string;
}

export interface LockSession {
  session_id: string;
  scope: string[];
  locks: LockEntry[];
}

export interface LockMarker {
  schema: "hs.lock-sessions@1";
  worktree: string;
  governance: string[];
  protected_branches?: string[];
  sessions: LockSession[];
}

export const SESSION_MARKER = "hs-session.json";
export const LOCK_MARKER = "hs-lock-sessions.json";

export class MarkerError extends Error {}

export function readSessionMarker(gitDir: string): SessionMarker | undefined {
  const value = readJson(path.join(gitDir, SESSION_MARKER));
  if (value === undefined) return undefined;
  const m = value as Partial<SessionMarker>;
  const ok =
    m.schema === "hs.session-marker@1" &&
    isId(m.session_id) &&
    typeof m.handshake_dir === "string" &&
    isStrings(m.scope) &&
    isStrings(m.governance) &&
    (m.protected_branches === undefined || isStrings(m.protected_branches)) &&
    (m.ref_namespace === undefined || m.ref_namespace === `refs/heads/hs/${m.session_id}/`);
  if (!ok) throw new MarkerError(`${path.join(gitDir, SESSION_MARKER)} is not an hs.session-marker@1 file`);
  return m as SessionMarker;
}

export function readLockMarker(gitDir: string): LockMarker | undefined {
  const value = readJson(path.join(gitDir, LOCK_MARKER));
  if (value === undefined) return undefined;
  const m = value as Partial<LockMarker>;
  const sessionsOk =
    Array.isArray(m.sessions) &&
    m.sessions.every(
      (s: Partial<LockSession>) =>
        isId(s.session_id) && isStrings(s.scope) && Array.isArray(s.locks) && s.locks.every((l: Partial<LockEntry>) => typeof l.glob === "string"),
    );
  if (m.schema !== "hs.lock-sessions@1" || !isStrings(m.governance) || !sessionsOk || (m.protected_branches !== undefined && !isStrings(m.protected_branches))) {
    throw new MarkerError(`${path.join(gitDir, LOCK_MARKER)} is not an hs.lock-sessions@1 file`);
  }
  return m as LockMarker;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new MarkerError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MarkerError(`${file} is not valid JSON`);
  }
}

function isId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
