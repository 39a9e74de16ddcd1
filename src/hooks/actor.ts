// Pure: who is committing in this worktree, and which rules apply to them.
import type { LockMarker, LockSession, SessionMarker } from "./markers.ts";

export interface LockHolder {
  session_id: string;
  lock_id: string;
  glob: string;
}

export type HookActor =
  | {
      kind: "session";
      mode: "worktree" | "lock" | "unknown";
      sessionId: string;
      /** Scope globs; an unknown session (HS_SESSION_ID with no marker here) has none, so every path is out of scope. */
      scope: string[];
      governance: string[];
      /** Branch names or globs no session may move, whatever its namespace says. */
      protectedBranches: string[];
      namespace: string;
      /** Locks held by other sessions in this worktree. */
      foreignLocks: LockHolder[];
      handshakeDir?: string;
      workspaceId?: string;
    }
  /** The operator (no HS_SESSION_ID) in a lock-mode worktree: only other sessions' locks apply. */
  | { kind: "operator"; foreignLocks: LockHolder[] }
  | { kind: "none" };

export interface ActorInput {
  session?: SessionMarker;
  locks?: LockMarker;
  envSessionId?: string;
}

export function namespaceOf(sessionId: string): string {
  return `refs/heads/hs/${sessionId}/`;
}

export function resolveActor({ session, locks, envSessionId }: ActorInput): HookActor {
  const id = envSessionId?.trim() || undefined;
  if (session) {
    // The worktree's marker decides; a different HS_SESSION_ID inherited from elsewhere does not widen anything.
    return {
      kind: "session",
      mode: "worktree",
      sessionId: session.session_id,
      scope: session.scope,
      governance: session.governance,
      protectedBranches: session.protected_branches ?? [],
      namespace: namespaceOf(session.session_id),
      foreignLocks: holders(locks?.sessions ?? [], session.session_id),
      handshakeDir: session.handshake_dir,
      workspaceId: session.workspace_id,
    };
  }
  if (id) {
    const own = locks?.sessions.find((entry) => entry.session_id === id);
    return {
      kind: "session",
      mode: own ? "lock" : "unknown",
      sessionId: id,
      scope: own?.scope ?? [],
      governance: locks?.governance ?? [],
      protectedBranches: locks?.protected_branches ?? [],
      namespace: namespaceOf(id),
      foreignLocks: holders(locks?.sessions ?? [], id),
    };
  }
  if (locks && locks.sessions.length) return { kind: "operator", foreignLocks: holders(locks.sessions, undefined) };
  return { kind: "none" };
}

function holders(sessions: LockSession[], except: string | undefined): LockHolder[] {
  return sessions
    .filter((entry) => entry.session_id !== except)
    .flatMap((entry) => entry.locks.map((lock) => ({ session_id: entry.session_id, lock_id: lock.lock_id, glob: lock.glob })));
}
