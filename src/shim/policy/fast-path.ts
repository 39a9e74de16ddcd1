// Data for the shim's POSIX-sh fast path: git invocations that are plainly read-only and need no
// Node process. The sh side takes the fast path only when ALL of these hold; anything else goes
// to classify(). test/shim/policy/fast-path.test.ts proves each accepted form classifies "allow".
export const FAST_PATH = {
  /** Global options allowed before the subcommand (exact words; no -c, -C, --git-dir, ...). */
  globalOptions: ["-P", "--no-pager", "-p", "--paginate", "--no-optional-locks", "--literal-pathspecs", "--no-replace-objects"],
  /** Subcommands that take any arguments, provided none matches `unsafeArgPatterns`. */
  subcommands: [
    "status", "log", "show", "diff", "rev-parse", "ls-files", "ls-tree", "blame", "describe", "shortlog",
    "cat-file", "for-each-ref", "show-ref", "merge-base", "rev-list", "count-objects", "name-rev", "show-branch",
    "version", "check-ignore", "check-attr", "var", "cherry", "whatchanged",
  ],
  /**
   * Listing forms of write-capable subcommands: `subcommand` followed by exactly `second` (if
   * given) and then only words from `allowedArgs` (no operands).
   */
  listingForms: [
    { subcommand: "branch", allowedArgs: ["-v", "-vv", "--verbose", "-a", "--all", "-r", "--remotes", "-l", "--list", "--show-current", "--no-color", "--color", "-q"] },
    { subcommand: "stash", second: "list", allowedArgs: ["--oneline", "--stat"] },
    { subcommand: "stash", second: "show", allowedArgs: ["-p", "--stat", "--patch", "--name-only", "stash@{0}", "stash@{1}", "stash@{2}"] },
    { subcommand: "worktree", second: "list", allowedArgs: ["--porcelain", "-v", "--verbose", "-z"] },
    { subcommand: "tag", allowedArgs: ["-l", "--list", "-n"] },
    { subcommand: "remote", allowedArgs: ["-v", "--verbose"] },
  ],
  /**
   * sh `case` patterns: any argument matching one sends the call to the slow path (files written
   * by --output, programs run by --ext-diff/--upload-pack/--exec/-O, paths that may leave the worktree).
   */
  unsafeArgPatterns: ["--o*", "--e*", "--u*", "--no-i*", "--conte*", "-O*", "-X*", "*..*/*", "/*", "../*", "..", "*=/*", "*=../*"],
  /** Environment variables whose presence (non-empty) sends the call to the slow path. */
  unsafeEnv: [
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG",
    "GIT_EXEC_PATH", "GIT_NAMESPACE", "GIT_EXTERNAL_DIFF", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS",
    "GIT_PROXY_COMMAND", "GIT_PAGER", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE",
    "GIT_ALLOW_PROTOCOL",
  ],
  /** Environment variable name prefixes that send the call to the slow path (GIT_TRACE*=/file writes files). */
  unsafeEnvPrefixes: ["GIT_TRACE", "GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"],
} as const;

export type FastPath = typeof FAST_PATH;
