import { CHECKOUT_RULES } from "./checkout.ts";
import type { GitRule } from "./common.ts";
import { CONFIG_RULES } from "./config.ts";
import { HISTORY_RULES } from "./history.ts";
import { MISC_RULES } from "./misc.ts";
import { REF_RULES } from "./refs.ts";
import { STASH_WORKTREE_RULES } from "./stash-worktree.ts";
import { WORKTREE_WRITE_RULES } from "./worktree-writes.ts";

/** Subcommand -> rule. Read-only commands without an entry go through the generic scan. */
export const GIT_RULES: Record<string, GitRule> = {
  ...HISTORY_RULES, ...CHECKOUT_RULES, ...REF_RULES, ...STASH_WORKTREE_RULES, ...CONFIG_RULES, ...WORKTREE_WRITE_RULES, ...MISC_RULES,
};
