// Which `hs` requests a session may make through its host (pure). Reading and spawning a child of itself
// are allowed; every operator decision (approve, deny, grants, merge-back, cancel, overlap/sandbox waivers)
// is refused, whatever the arguments say.

export type InsideDecision = { allow: true; argv: string[] } | { allow: false; reason: string };

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

const OPERATOR_ONLY_FLAGS = ["--no-sandbox", "--allow-overlap", "--reason"];

function startsWith(argv: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((word, index) => argv[index] === word);
}

export function insideHsDecision(argv: readonly string[], sessionId: string): InsideDecision {
  if (READ_ONLY.some((prefix) => startsWith(argv, prefix))) {
    if (argv.some((arg) => arg === "--follow" || arg === "-f")) return { allow: false, reason: "following the log is not available from inside a session" };
    return { allow: true, argv: [...argv] };
  }
  if (SELF_WORK.some((prefix) => startsWith(argv, prefix))) return { allow: true, argv: [...argv] };
  if (startsWith(argv, ["session", "create"])) {
    const flag = argv.find((arg) => OPERATOR_ONLY_FLAGS.some((name) => arg === name || arg.startsWith(`${name}=`)));
    if (flag) return { allow: false, reason: `${flag} is an operator decision` };
    const parents = argv.flatMap((arg, index) => (arg === "--parent" ? [argv[index + 1]] : arg.startsWith("--parent=") ? [arg.slice(9)] : []));
    if (parents.some((parent) => parent !== sessionId)) return { allow: false, reason: `a session may only create children of itself (--parent ${sessionId})` };
    return { allow: true, argv: parents.length ? [...argv] : [...argv, "--parent", sessionId] };
  }
  return { allow: false, reason: `'hs ${argv.slice(0, 2).join(" ")}' is an operator command` };
}
