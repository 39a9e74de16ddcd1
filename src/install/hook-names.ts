// Every hook name git 2.39 runs (githooks(5)). hs installs a chaining script for each one so that
// pointing core.hooksPath at hs never silently disables a hook the repository already had.
export const GIT_HOOK_NAMES = [
  "applypatch-msg",
  "pre-applypatch",
  "post-applypatch",
  "pre-commit",
  "pre-merge-commit",
  "prepare-commit-msg",
  "commit-msg",
  "post-commit",
  "pre-rebase",
  "post-checkout",
  "post-merge",
  "pre-push",
  "pre-receive",
  "update",
  "proc-receive",
  "post-receive",
  "post-update",
  "reference-transaction",
  "push-to-checkout",
  "pre-auto-gc",
  "post-rewrite",
  "sendemail-validate",
  "fsmonitor-watchman",
  "p4-changelist",
  "p4-prepare-changelist",
  "p4-post-changelist",
  "p4-pre-submit",
  "post-index-change",
] as const;

export type GitHookName = (typeof GIT_HOOK_NAMES)[number];

/** Hooks where hs adds its own check before chaining. */
export const CHECKED_HOOKS = ["pre-commit", "pre-push", "reference-transaction"] as const satisfies readonly GitHookName[];
export type CheckedHook = (typeof CHECKED_HOOKS)[number];

/**
 * Hooks whose mere existence changes what git does, so hs installs them only when the previous
 * setup had one: push-to-checkout replaces receive.denyCurrentBranch=updateInstead's default.
 */
export const PRESENCE_SENSITIVE_HOOKS = ["push-to-checkout"] as const satisfies readonly GitHookName[];

export function isCheckedHook(name: string): name is CheckedHook {
  return (CHECKED_HOOKS as readonly string[]).includes(name);
}
