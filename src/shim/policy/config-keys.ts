// Which git config keys carry a command, disable hooks or change what later commands do.
// Keys compare case-insensitively (subsections too: failing closed beats guessing their case).
import type { RuleId } from "./rules.ts";

const COMMAND_KEYS: readonly RegExp[] = [
  /^alias\./, /^core\.(fsmonitor|sshcommand|pager|editor|askpass|gitproxy|alternaterefscommand)$/,
  /^diff\.external$/, /^diff\..+\.(command|textconv)$/, /^(diff|merge)\.tool$/, /^(diff|merge)tool\..+\.(cmd|path)$/,
  /^merge\..+\.driver$/, /^filter\..+\.(clean|smudge|process)$/, /^include\.path$/, /^includeif\./,
  /^help\.autocorrect$/, /^pager\./, /^sequence\.editor$/, /^credential\.(.+\.)?helper$/, /^gpg\.(.+\.)?program$/,
  /^uploadpack\.packobjectshook$/, /^remote\..+\.(uploadpack|receivepack|vcs)$/, /^url\..+\.(insteadof|pushinsteadof)$/,
  /^protocol\.(.+\.)?allow$/, /^(web|man)\./, /^browser\./, /^sendemail\./, /^instaweb\./, /^interactive\.difffilter$/,
  /^tar\..+\.command$/, /^submodule\..+\.update$/, /^trailer\..+\.(command|cmd)$/, /^guitool\./, /^hook\./,
  /^core\.sshcommand$/, /^ssh\.variant$/, /^uploadarchive\./, /^receive\./,
];

const RISKY_KEYS: readonly RegExp[] = [
  /^core\.(worktree|bare|repositoryformatversion|sharedrepository)$/, /^extensions\./, /^safe\./,
  /^pull\.rebase$/, /^branch\..+\.rebase$/, /^remote\..+\.(mirror|push|url|pushurl|fetch|prunetags)$/,
  /^clean\.requireforce$/, /^fetch\.prunetags$/, /^init\.templatedir$/,
  /^gc\.(.+\.)?(pruneexpire|reflogexpire|reflogexpireunreachable|worktreepruneexpire)$/,
];

/** Editors and pagers agents set to stay non-interactive; anything else is a program to vet. */
export const HARMLESS_PROGRAMS: ReadonlySet<string> = new Set(["", "cat", "less", "less -R", "less -FRX", "more", "true", ":", "vi", "vim", "nano"]);
const PROGRAM_KEYS = /^(core\.(pager|editor)|pager\..+|sequence\.editor)$/;

export function normaliseKey(key: string): string {
  return key.trim().toLowerCase();
}

// For one command (`-c`, env) these only matter to the subcommand that reads them, and that
// subcommand's rule already looks at the effective value (pull, clean, push).
const READ_BY_RULES: readonly RegExp[] = [/^pull\.rebase$/, /^branch\..+\.rebase$/, /^clean\.requireforce$/, /^remote\..+\.(mirror|push)$/];

/**
 * The rule a config key falls under, or null if benign. `transient`: set for this one command
 * (`-c`, `--config-env`, GIT_CONFIG_*), rather than written to a config file.
 */
export function configKeyRule(key: string, value?: string, transient = false): RuleId | null {
  const k = normaliseKey(key);
  if (transient && READ_BY_RULES.some((re) => re.test(k))) return null;
  if (PROGRAM_KEYS.test(k) && value !== undefined && HARMLESS_PROGRAMS.has(value.trim())) return null;
  if (k === "core.hookspath") return "git.hooks.bypass";
  if (k.startsWith("alias.") && value !== undefined && value.trimStart().startsWith("!")) return "git.alias.shell";
  if (COMMAND_KEYS.some((re) => re.test(k))) return "git.config.command";
  if (RISKY_KEYS.some((re) => re.test(k))) return "git.config.risky";
  return null;
}

/**
 * Transient settings that only switch something off: `core.fsmonitor` false/empty runs no program for any
 * subcommand, and `core.hooksPath` cannot skip a hook for a subcommand that runs none (agents such as
 * Claude Code start with `git -c core.hooksPath=/dev/null -c core.fsmonitor= ls-files …`).
 */
export function neutralSetting(key: string, value: string | undefined, readOnlySubcommand: boolean): boolean {
  const k = normaliseKey(key);
  if (k === "core.fsmonitor") return value !== undefined && gitBool(value) === false;
  return k === "core.hookspath" && readOnlySubcommand;
}

/** git's boolean parsing; undefined value (`-c key`) means true. */
export function gitBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  const v = value.trim().toLowerCase();
  if (["true", "yes", "on", "1"].includes(v)) return true;
  if (["false", "no", "off", "0", ""].includes(v)) return false;
  return /^-?\d+$/.test(v) ? Number(v) !== 0 : undefined;
}
