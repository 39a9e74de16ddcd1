// The one table of exit codes and error codes. README.md mirrors it; keep both in step.

export const EXIT = {
  ok: 0,
  failure: 1, // a check found a problem (doctor, log verify) or an unexpected error
  usage: 2, // bad input or invalid configuration: nothing was changed
  blocked: 3, // merge-back blocked (conflicts or violations)
  conflict: 4, // lock conflict, lost race, precondition no longer true
  notFound: 5, // the named session, lock, approval or artifact does not exist
  gate: 77, // the Tool Gate refused (deny, denied ask, expired ask)
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

interface CodeInfo {
  exit: ExitCode;
  summary: string;
}

/** Stable error codes. Add new ones here; never rename or reuse one. */
export const ERROR_CODES = {
  "HS-USAGE": { exit: EXIT.usage, summary: "the command line is not valid" },
  "HS-NOT-A-REPO": { exit: EXIT.usage, summary: "not inside a git repository" },
  "HS-NOT-INITIALISED": { exit: EXIT.usage, summary: "hs init has not been run in this repository" },
  "HS-CONFIG-INVALID": { exit: EXIT.usage, summary: ".handshake/workspace.json is invalid; hs fails closed" },
  "HS-CONFIG-FUTURE": { exit: EXIT.usage, summary: "workspace.json has a newer schema_version; it is left untouched" },
  "HS-GIT-FAILED": { exit: EXIT.failure, summary: "a git command failed" },
  "HS-GIT-TIMEOUT": { exit: EXIT.failure, summary: "host-side git in a session's directory did not finish in time (HS_SESSION_GIT_TIMEOUT_MS) and was stopped" },
  "HS-DB": { exit: EXIT.failure, summary: "the SQLite index or Flight Recorder failed" },
  "HS-INTERNAL": { exit: EXIT.failure, summary: "unexpected internal error" },
  "HS-NOT-BUILT": { exit: EXIT.failure, summary: "dist/ is missing; run npm run build" },
  "HS-SESSION-NOT-FOUND": { exit: EXIT.notFound, summary: "no session with that id" },
  "HS-SESSION-EXISTS": { exit: EXIT.conflict, summary: "a session with that id already exists" },
  "HS-SESSION-ID-INVALID": { exit: EXIT.usage, summary: "session ids are 1-64 of [A-Za-z0-9._-], starting with a letter or digit" },
  "HS-SESSION-TERMINAL": { exit: EXIT.conflict, summary: "the session is in a terminal state (completed, failed, cancelled)" },
  "HS-STATE-TRANSITION": { exit: EXIT.conflict, summary: "that state change is not allowed from the current state" },
  "HS-WORKTREE-FAILED": { exit: EXIT.failure, summary: "the session worktree could not be created; nothing was registered" },
  "HS-SCOPE-INVALID": { exit: EXIT.usage, summary: "a scope glob is empty, absolute or escapes the worktree root" },
  "HS-SCOPE-OUT": { exit: EXIT.gate, summary: "path outside the session's IN_SCOPE_PATHS" },
  "HS-GOVERNANCE-PATH": { exit: EXIT.gate, summary: "path inside a governance path" },
  "HS-REF-NAMESPACE": { exit: EXIT.gate, summary: "ref update outside the session's refs/heads/hs/<id>/ namespace" },
  "HS-PROTECTED-BRANCH": { exit: EXIT.gate, summary: "a protected branch (workspace.json protected_branches) moves only by the operator" },
  "CX-MM-002": { exit: EXIT.conflict, summary: "file-scope lock conflict (overlapping IN_SCOPE_PATHS)" },
  "HS-OPERATOR-ONLY": { exit: EXIT.gate, summary: "only the operator may do this; refused inside a session" },
  "HS-ACCESS-DENIED": { exit: EXIT.gate, summary: "a session may act only on itself and its own descendants" },
  "HS-PATH-ESCAPE": { exit: EXIT.gate, summary: "a path or working directory from a session resolves (realpath) outside where it may act" },
  "HS-LOCK-NOT-FOUND": { exit: EXIT.notFound, summary: "no active lock with that id" },
  "HS-LOCK-SCOPE-UNENFORCEABLE": { exit: EXIT.usage, summary: "lock mode can open only whole folders (dir/**) or named paths; this scope is narrower" },
  depth_limit_exceeded: { exit: EXIT.conflict, summary: "the parent is already at the maximum spawn depth" },
  children_cap_reached: { exit: EXIT.conflict, summary: "the parent already has the maximum number of active children" },
  scope_wider_than_parent: { exit: EXIT.usage, summary: "a child's scope must not be wider than its parent's" },
  "HS-FR-CHAIN-BROKEN": { exit: EXIT.failure, summary: "the Flight Recorder hash chain does not verify" },
  "HS-FR-EVENT-UNKNOWN": { exit: EXIT.usage, summary: "event type is not in the closed registry" },
  "HS-FR-EVENT-INVALID": { exit: EXIT.usage, summary: "a Flight Recorder event has a bad actor, id or payload shape" },
  "HS-DOCTOR-PROBLEMS": { exit: EXIT.failure, summary: "hs doctor found problems" },
  "HS-HOOKS-FOREIGN": { exit: EXIT.conflict, summary: "hs's hooks directory holds a file hs did not write; hs will not overwrite it" },
  "HS-INSTALL-RECORD-INVALID": { exit: EXIT.failure, summary: "<common git dir>/hs/install.json is unreadable; hs will not guess what to restore" },
  "HS-NOT-INSTALLED": { exit: EXIT.notFound, summary: "hs hooks are not installed in this repository (no install record)" },
  "HS-APPROVAL-NOT-FOUND": { exit: EXIT.notFound, summary: "no approval request with that id" },
  "HS-APPROVAL-DECIDED": { exit: EXIT.conflict, summary: "the approval request is no longer pending (decided, expired or withdrawn)" },
  "HS-APPROVAL-NOT-GRANTABLE": { exit: EXIT.usage, summary: "this request also leaves the session's scope; it can only be approved once" },
  "HS-GRANT-NOT-FOUND": { exit: EXIT.notFound, summary: "no active grant with that id" },
  "HS-SHIM-INSTALL": { exit: EXIT.failure, summary: "the session's git/rm shim could not be installed" },
  // merge-back (src/merge)
  "HS-MERGE-DIRTY": { exit: EXIT.blocked, summary: "the session worktree has uncommitted or untracked files; nothing was committed for you" },
  "HS-MERGE-SCOPE": { exit: EXIT.blocked, summary: "merge-back: a change lies outside the session's IN_SCOPE_PATHS" },
  "HS-MERGE-GOVERNANCE": { exit: EXIT.blocked, summary: "merge-back: a change touches a governance path" },
  "HS-MERGE-LOCKED": { exit: EXIT.blocked, summary: "merge-back: a change touches a path locked by another active session" },
  "HS-MERGE-BASE": { exit: EXIT.blocked, summary: "merge-back: the session history does not extend its recorded base" },
  "HS-MERGE-CONFLICTS": { exit: EXIT.blocked, summary: "merge-back: the target has conflicting changes; see conflicts.md" },
  "HS-MERGE-TARGET-DIRTY": { exit: EXIT.blocked, summary: "the target branch is checked out in a worktree with uncommitted changes" },
  "HS-MERGE-TARGET-MOVED": { exit: EXIT.conflict, summary: "the target moved while applying; re-checked, nothing was forced" },
  "HS-MERGE-NOT-FF": { exit: EXIT.conflict, summary: "--strategy ff is impossible: the target has commits the session lacks" },
  "HS-MERGE-APPROVAL-REQUIRED": { exit: EXIT.gate, summary: "merge-back --apply needs an operator approval (merge_back.require_approval)" },
  "HS-ARTIFACT-NOT-FOUND": { exit: EXIT.notFound, summary: "no merge-back artifact at that path" },
  "HS-ARTIFACT-INVALID": { exit: EXIT.failure, summary: "the merge-back artifact does not verify (hash, patch or tree mismatch)" },
  "HS-CLOSE-WOULD-LOSE": { exit: EXIT.conflict, summary: "closing would lose work (uncommitted, untracked or unmerged); nothing was removed" },
  "HS-SESSION-CLOSED": { exit: EXIT.conflict, summary: "the session was closed: its worktree and branches are gone (history stays in the log)" },
  "HS-INDEX-MISSING": { exit: EXIT.failure, summary: ".handshake/devcc.db is missing; hs never replaces it with an empty index silently" },
  "HS-UNINSTALL-OPEN-SESSIONS": { exit: EXIT.conflict, summary: "sessions are not closed (live, or holding unmerged work); uninstall changed nothing" },
  "HS-CHECKPOINT-NOT-FOUND": { exit: EXIT.notFound, summary: "the session has no checkpoint with that number" },
  "HS-RESTORE-LIVE": { exit: EXIT.conflict, summary: "the session is running; pause it before restoring a checkpoint" },
  "HS-CLOSE-LIVE": { exit: EXIT.conflict, summary: "the session is not finished; cancel or merge it back first" },
  // work tracking (src/work)
  "HS-WORK-ID-INVALID": { exit: EXIT.usage, summary: "a work packet, micro-task or anchor id has the wrong form" },
  "HS-WORK-EXISTS": { exit: EXIT.conflict, summary: "a work packet or micro-task with that id already exists" },
  "HS-WORK-RECORD-INVALID": { exit: EXIT.failure, summary: "a record under .handshake/gov/ does not match its schema; hs fails closed" },
  "HS-WP-NOT-FOUND": { exit: EXIT.notFound, summary: "no work packet with that id" },
  "HS-MT-NOT-FOUND": { exit: EXIT.notFound, summary: "no micro-task with that id" },
  "HS-WORK-BLOCKED": { exit: EXIT.conflict, summary: "the work waits for work packets or micro-tasks that are not done" },
  "HS-WP-OPEN-MTS": { exit: EXIT.conflict, summary: "the work packet still has micro-tasks that are not completed or skipped" },
  "HS-WP-NOT-WORKABLE": { exit: EXIT.conflict, summary: "sessions bind only to work that is ready or in progress" },
  "HS-DEPENDENCY-CYCLE": { exit: EXIT.usage, summary: "the dependency would close a cycle" },
  "HS-SCOPE-WIDER-THAN-MT": { exit: EXIT.usage, summary: "an explicit --scope must lie within the micro-task's files.modify and files.create" },
  "HS-MT-NOT-BOUND": { exit: EXIT.gate, summary: "the session is not bound to that micro-task" },
  "HS-HANDOFF-REQUIRED": { exit: EXIT.conflict, summary: "closing a session bound to work needs a handoff (or --no-handoff --reason TEXT)" },
  "HS-ANCHOR-NOT-FOUND": { exit: EXIT.notFound, summary: "no objective anchor with that id" },
  "HS-INPUT-FILE": { exit: EXIT.usage, summary: "an input file is missing, not a regular file, or outside the session's worktree" },
  // session host (src/sandbox)
  "HS-SANDBOX-UNAVAILABLE": { exit: EXIT.failure, summary: "bubblewrap is missing or cannot create a sandbox here; the session does not run on the host" },
  "HS-LIMITS-UNAVAILABLE": { exit: EXIT.failure, summary: "the configured process or memory limit cannot be applied here; the session does not run" },
  "HS-HOST-RUNNING": { exit: EXIT.conflict, summary: "the session already has a live host (a shell or run attached to it)" },
  "HS-HOST-NOT-RUNNING": { exit: EXIT.conflict, summary: "the session has no live host process to pause or continue" },
  "HS-HOME-LAYER": { exit: EXIT.failure, summary: "the session's home layer (an overlay on $HOME) cannot be built; nothing runs" },
  "HS-RUN-NOT-VISIBLE": { exit: EXIT.usage, summary: "the command given to hs session run lies where the sandbox cannot see it (e.g. the host's /tmp)" },
  "HS-WORKTREE-GONE": { exit: EXIT.notFound, summary: "the session's worktree no longer exists (closed or removed); nothing to show" },
  // host-side trust boundary (src/git, src/sandbox/objects)
  "HS-SESSION-ADMIN-TAMPERED": { exit: EXIT.blocked, summary: "a session's git admin files (HEAD, commondir, index...) are symlinks, special files or retargeted; run hs doctor --fix" },
  "HS-OBJECTS-UNVERIFIED": { exit: EXIT.blocked, summary: "a session object is missing or does not match its id after verification; nothing of it was used" },
  "HS-MERGE-APPLY-MISMATCH": { exit: EXIT.blocked, summary: "merge-back --apply: the commit to land differs from what the artifact shows; nothing was moved" },
  "HS-MERGE-GITLINK": { exit: EXIT.blocked, summary: "merge-back: a change adds a gitlink or nested repository; hs never enters them" },
  // the local server (src/server, hs ui)
  "HS-UI-REMOTE": { exit: EXIT.usage, summary: "hs ui binds loopback only; a non-loopback --host needs --allow-remote" },
  "HS-HTTP-UNAUTHENTICATED": { exit: EXIT.gate, summary: "HTTP 401: no valid login cookie or bearer token" },
  "HS-HTTP-HOST": { exit: EXIT.gate, summary: "HTTP 403: the Host header is not the server's own address (DNS rebinding)" },
  "HS-HTTP-ORIGIN": { exit: EXIT.gate, summary: "HTTP 403: a state-changing request from another origin, or without one under a cookie" },
  "HS-HTTP-TOO-LARGE": { exit: EXIT.usage, summary: "HTTP 413: the request body is over the server's limit" },
  "HS-HTTP-INVALID": { exit: EXIT.usage, summary: "HTTP 400/415: the request body or query does not match the route's schema" },
  "HS-HTTP-NOT-FOUND": { exit: EXIT.notFound, summary: "HTTP 404/405: no such route or method" },
  "HS-VCS-UNCHANGED": { exit: EXIT.notFound, summary: "hs vcs diff: the path has no uncommitted change" },
  "HS-VCS-NOTHING-TO-COMMIT": { exit: EXIT.conflict, summary: "hs vcs commit: the selected paths do not differ from HEAD" },
  "HS-VCS-COMMIT-REFUSED": { exit: EXIT.failure, summary: "hs vcs commit: git commit failed, usually a hook refused (its exit code and output are in details)" },
  "HS-VCS-LOCK-MODE": { exit: EXIT.usage, summary: "hs vcs commit: a lock-mode session shares the main worktree; commit from its shell" },
  "HS-VCS-NOTHING-TO-REVERT": { exit: EXIT.conflict, summary: "hs vcs revert: the selected paths have no uncommitted change" },
  "HS-VCS-CHANGED": { exit: EXIT.conflict, summary: "hs vcs revert: the files changed after the preview was approved; nothing was discarded" },
  "HS-VCS-UNSAFE-PATH": { exit: EXIT.gate, summary: "a path resolves through a symlink or outside the worktree; hs will not write there" },
  "HS-FILE-NOT-FOUND": { exit: EXIT.notFound, summary: "no such file in that worktree" },
  "HS-SEARCH-INVALID": { exit: EXIT.usage, summary: "hs search: empty or oversized pattern, or an invalid regular expression" },
  "HS-RECIPE-UNKNOWN": { exit: EXIT.notFound, summary: "no recipe with that name in workspace.json recipes" },
  "HS-JOB-NOT-FOUND": { exit: EXIT.notFound, summary: "no job with that id" },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface HsErrorOptions {
  /** The exact command to run next. Every refusal has one. */
  hint?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
  exit?: ExitCode;
}

/** The single error class the CLI maps to an exit code; anything else is HS-INTERNAL. */
export class HsError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;
  readonly exitCode: ExitCode;

  constructor(code: ErrorCode, message: string, options: HsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HsError";
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
    this.exitCode = options.exit ?? ERROR_CODES[code].exit;
  }

  toJSON(): Record<string, unknown> {
    return { error: { code: this.code, message: this.message, hint: this.hint, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function formatError(error: HsError): string {
  const lines = [`hs: error [${error.code}] ${error.message}`];
  if (error.hint) lines.push(`  next: ${error.hint}`);
  return lines.join("\n");
}
