// The Tool Gate's decision vocabulary: shared by the policy engine, the shim runtime and `hs check`.

export type GateDecision = "allow" | "ask" | "deny";

export interface Decision {
  decision: GateDecision;
  /** Stable rule id, listed in RULES and the README (e.g. "git.reset.hard"). */
  rule: string;
  /** One line, for the agent and the operator. */
  reason: string;
  /** The exact next command. For ask it contains the placeholder `{request}` for the runtime to fill. */
  hint: string;
  /** Resolved absolute path operands the decision looked at (for previews). */
  paths?: string[];
  /** ask/deny with more than one finding at that level: all their rules (`rule` is the first). */
  rules?: string[];
  /** Resolved git subcommand after alias expansion. */
  subcommand?: string;
}

export interface GateSession {
  id: string;
  worktree: string;
  gitDir: string;
  /** IN_SCOPE_PATHS globs relative to the worktree root. */
  scope: string[];
  isolation: "worktree" | "lock";
  /** The command runs in the session's sandbox: /tmp there is a private tmpfs that belongs to the session. */
  privateTmp?: boolean;
}

export interface GateRepo {
  mainRoot: string;
  commonDir: string;
  handshakeDir: string;
  /** Every worktree root: the main checkout and all session worktrees. */
  worktrees: string[];
}

export interface GateContext {
  /** argv[0] is "git" or "rm" (basename); the rest as the shim received them. */
  argv: string[];
  /** Absolute real cwd of the invocation. */
  cwd: string;
  env: Record<string, string | undefined>;
  session: GateSession;
  repo: GateRepo;
  /** Globs relative to the worktree root; default [".handshake/gov/**", ".GOV/**"]. */
  governance: string[];
  /** Git alias name (lower-case) -> value, pre-read from git config. */
  aliases: Record<string, string>;
  /** Realpath of the longest existing prefix + the non-existing rest. */
  realpath: (absolutePath: string) => string;
  /** Optional: does this absolute path exist (lstat)? Defaults to the file system. */
  exists?: (absolutePath: string) => boolean;
  /**
   * Optional: persistent git config values that change what a command does, lower-case keys
   * (e.g. "pull.rebase", "clean.requireforce", "remote.origin.mirror"). `-c` and env override them.
   */
  config?: Record<string, string>;
  /** From workspace.json: may only make a rule stricter. */
  ruleOverrides?: Record<string, "ask" | "deny">;
}
