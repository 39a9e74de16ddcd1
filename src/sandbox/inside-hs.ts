// Which `hs` requests the host forwards from its socket (pure routing, not permissions). Reads run as they
// are; the verbs below run as operations with the asking session as their actor, and the operation's own
// guard (src/ops/guard.ts) decides what that session may do. Anything else is not served through the host.

/** operation: runs as the session's operation (its cwd must resolve inside the session); else a read. */
export type InsideDecision = { allow: true; argv: string[]; operation: boolean } | { allow: false; reason: string };

const READ_ONLY: readonly (readonly string[])[] = [
  ["session", "list"],
  ["session", "show"],
  ["approvals"],
  ["check"],
  ["log", "show"],
  ["log", "verify"],
  ["--version"],
  ["--help"],
  ["wp", "list"],
  ["wp", "show"],
  ["wp", "ready-list"],
  ["mt", "list"],
  ["mt", "show"],
  ["handoff", "list"],
  ["handoff", "show"],
  ["anchor", "list"],
  ["anchor", "show"],
];

// Work verbs a session may ask for itself; the operation's own guard (src/work/ops.ts) limits them to the session.
const SELF_WORK: readonly (readonly string[])[] = [
  ["handoff", "write"],
  ["mt", "iterate"],
];

/** Verbs whose operation checks its actor itself (sessions/ops.ts, merge/ops.ts, merge/close-ops.ts, sessions/rebuild-op.ts). */
const OPERATIONS: readonly (readonly string[])[] = [
  ["session", "create"],
  ["session", "pause"],
  ["session", "resume"],
  ["session", "cancel"],
  ["session", "close"],
  ["lock", "release"],
  ["merge-back"],
  ["prune"],
  ["rebuild"],
];

function startsWith(argv: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((word, index) => argv[index] === word);
}

export function insideHsDecision(argv: readonly string[], sessionId: string): InsideDecision {
  if (READ_ONLY.some((prefix) => startsWith(argv, prefix))) {
    if (argv.some((arg) => arg === "--follow" || arg === "-f")) {
      return { allow: false, reason: "following the log is not available from inside a session" };
    }
    return { allow: true, argv: [...argv], operation: false };
  }
  if (SELF_WORK.some((prefix) => startsWith(argv, prefix))) return { allow: true, argv: [...argv], operation: true };
  if (startsWith(argv, ["merge-back", "verify"])) {
    return { allow: false, reason: "'hs merge-back verify' reads artifacts on the host; the operator runs it" };
  }
  if (startsWith(argv, ["session", "create"])) {
    // A session's `session create` means a child of itself; createSessionOp refuses any other parent.
    const named = argv.some((arg) => arg === "--parent" || arg.startsWith("--parent="));
    return { allow: true, argv: named ? [...argv] : [...argv, "--parent", sessionId], operation: true };
  }
  if (OPERATIONS.some((prefix) => startsWith(argv, prefix))) return { allow: true, argv: [...argv], operation: true };
  const what = argv.slice(0, 2).join(" ");
  return { allow: false, reason: `'hs ${what}' is not served through the session host (an operator command)` };
}
