// Turns templates/hooks/*.sh into the scripts git runs: absolute node and bundle paths baked in
// (hooks must not depend on PATH) plus the fingerprint line that marks a file as hs's own.
import path from "node:path";
import { isCheckedHook } from "./hook-names.ts";

export const FINGERPRINT = "# hs-managed-hook v1: written by hs init; hs uninstall removes it (an edited copy is kept)";

export interface RenderInput {
  hook: string;
  /** Directory of the hooks that were active before hs init; relative paths resolve from the worktree root, as git does. */
  chainDir: string;
  node: string;
  /** The script node runs plus any leading arguments: [dist/hs-hook.js] or [dist/hs.js, "__hook"]. */
  entry: string[];
  hooksDir: string;
  /** Root of the main worktree: where a relative chain dir is found when a linked worktree lacks it. */
  mainRoot: string;
  /** The compiled host client (dist/hs-gate-client) and the host socket's path inside the sandbox; absent: no host route. */
  client?: string;
  hostSocket?: string;
}

export type Templates = Record<"chain" | "check" | "pre-commit" | "reference-transaction" | "lib", string>;

/** The sh library the pre-commit and reference-transaction scripts source (not a hook: git never runs it). */
export const LIB_NAME = "_hs-lib.sh";

export function templateFor(hook: string): keyof Templates {
  if (hook === LIB_NAME) return "lib";
  if (hook === "reference-transaction" || hook === "pre-commit") return hook;
  return isCheckedHook(hook) ? "check" : "chain";
}

export function renderHook(templates: Templates, input: RenderInput): string {
  const values: Record<string, string> = {
    "@FINGERPRINT@": FINGERPRINT,
    "@CHAIN@": shellQuote(input.chainDir),
    "@CHAIN_FALLBACK@": chainFallback(input),
    "@HOOK@": input.hook,
    "@NODE@": shellQuote(input.node),
    "@ENTRY@": input.entry.map(shellQuote).join(" "),
    "@LIB@": shellQuote(`${input.hooksDir}/${LIB_NAME}`),
    "@CLIENT@": shellQuote(input.client ?? ""),
    "@HOST_SOCKET@": shellQuote(input.hostSocket ?? ""),
  };
  return templates[templateFor(input.hook)].replace(/@[A-Z_]+@/g, (token) => values[token] ?? token);
}

/**
 * git resolves a relative core.hooksPath from the worktree root, but a generated, ignored hooks dir (husky 9's
 * `.husky/_`) exists only in the checkout where it was generated: look there when this worktree lacks the hook.
 */
export function chainFallback(input: Pick<RenderInput, "chainDir" | "mainRoot" | "hook">): string {
  if (path.posix.isAbsolute(input.chainDir)) return "";
  return `[ -e "$c" ] || c=${shellQuote(path.posix.join(input.mainRoot, input.chainDir))}/${input.hook}`;
}

/** hs recognises its own files by this line; anything without it is never overwritten or deleted. */
export function isHsManaged(content: string): boolean {
  return content.split("\n", 3).includes(FINGERPRINT);
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
