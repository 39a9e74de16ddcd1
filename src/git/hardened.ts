// Pure parts of the hardened runner: which config keys could make git run a program, and which flags each
// subcommand needs so that nothing in a session-controlled directory is executed or entered.

/** Config that is always overridden for host-side git, whatever the repository or a session wrote. */
export const HARDENED_CONFIG_ARGS = [
  "-c", "core.fsmonitor=false",
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.pager=cat",
  "-c", "core.sshCommand=",
  "-c", "core.untrackedCache=false",
  "-c", "core.quotePath=false",
  "-c", "commit.gpgSign=false",
  "-c", "tag.gpgSign=false",
  "-c", "submodule.recurse=false",
  "-c", "fetch.recurseSubmodules=false",
  "-c", "diff.submodule=short",
  "-c", "diff.external=",
  "-c", "status.submoduleSummary=false",
  "-c", "gc.auto=0",
  "-c", "maintenance.auto=false",
  "-c", "color.ui=false",
] as const;

// The last dotted part of a key that names a program git may run (filter.<x>.clean, diff.<x>.textconv, ...).
const COMMAND_SUFFIXES = [
  "clean", "smudge", "process", "textconv", "command", "driver", "program", "helper", "editor",
  "askpass", "gitproxy", "sshcommand", "alternaterefscommand", "packobjectshook", "uploadpack", "receivepack",
  "fsmonitor", "hookspath", "pager", "external", "difffilter", "cmd", "path",
] as const;

/**
 * Against a session worktree only: never look inside a gitlink's folder. (Not for tree-to-tree reads in the main
 * repository, where it would hide a gitlink the session committed from merge-back's checks.)
 */
export const WORKTREE_CONFIG_ARGS = ["-c", "diff.ignoreSubmodules=all"] as const;

const ALWAYS_SET = new Set(["core.fsmonitor", "core.hookspath", "core.pager", "core.sshcommand", "diff.external"]);

/**
 * `-c key=` for every key in `names` (as `git config --name-only -l` prints them) that could name a program.
 * An empty value turns the program off (git skips an empty filter, textconv or driver). `mergetool.*.path` and the
 * like are caught by the generic suffixes. Keys the fixed list already sets are left to it.
 */
export function commandNeutralizers(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name || seen.has(name)) continue;
    const lower = name.toLowerCase();
    const last = lower.slice(lower.lastIndexOf(".") + 1);
    const section = lower.slice(0, lower.indexOf("."));
    // include.path only names config files (already read); pager.<cmd> matters only on a terminal, never here.
    const runs = (COMMAND_SUFFIXES as readonly string[]).includes(last) && section !== "include" && section !== "includeif";
    if (!runs || ALWAYS_SET.has(lower) || !/^[\x21-\x7e]+$/.test(name) || name.includes("=")) continue;
    seen.add(name);
    out.push("-c", `${name}=`);
    // An emptied driver marked required would make every read fail ("clean filter 'x' failed").
    const driver = section === "filter" ? name.slice(0, name.lastIndexOf(".")) : "";
    if (driver && !seen.has(`${driver}.required`)) (seen.add(`${driver}.required`), out.push("-c", `${driver}.required=false`));
  }
  // A filter marked required makes git fail when its (now empty) program cannot run: it is not required here.
  for (const raw of names) {
    const name = raw.trim();
    if (/^filter\..+\.required$/i.test(name) && /^[\x21-\x7e]+$/.test(name) && !name.includes("=")) out.push("-c", `${name}=false`);
  }
  return out;
}

/** Flags added right after the subcommand so that its own textconv and external-diff behaviour is off. */
const SUBCOMMAND_FLAGS: Record<string, readonly string[]> = {
  diff: ["--no-ext-diff", "--no-textconv"],
  "diff-files": ["--no-ext-diff", "--no-textconv"],
  "diff-index": ["--no-ext-diff", "--no-textconv"],
  "diff-tree": ["--no-ext-diff", "--no-textconv"],
  log: ["--no-ext-diff", "--no-textconv"],
  show: ["--no-ext-diff", "--no-textconv"],
  "format-patch": ["--no-ext-diff", "--no-textconv"],
  grep: ["--no-textconv"],
};

// A .gitmodules `submodule.<name>.ignore` beats the config default; only the command-line flag beats it.
const WORKTREE_FLAGS: Record<string, readonly string[]> = {
  status: ["--ignore-submodules=all"],
  diff: ["--ignore-submodules=all"],
  "diff-files": ["--ignore-submodules=all"],
  "diff-index": ["--ignore-submodules=all"],
};

/**
 * `args` with the subcommand's hardening flags inserted after it (the first argument is the subcommand).
 * `worktree`: the command may read a session's worktree, so gitlink folders are never entered.
 */
export function hardenSubcommand(args: readonly string[], worktree = false): string[] {
  const [sub, ...rest] = args;
  if (sub === undefined) return [];
  const flags = [...(SUBCOMMAND_FLAGS[sub] ?? []), ...(worktree ? (WORKTREE_FLAGS[sub] ?? []) : [])];
  return [sub, ...flags, ...rest];
}

/** Subcommands hs may run on the host against a session's worktree. Anything else is a programming error. */
export const SESSION_SUBCOMMANDS = [
  "status", "diff", "diff-files", "diff-index", "ls-files", "rev-parse", "stash", "log", "show", "symbolic-ref",
  "read-tree", "cat-file", "for-each-ref",
  // version.* and context.search (src/vcs, src/search): a temporary index, plumbing commits, worktree search
  "add", "write-tree", "commit-tree", "update-ref", "grep", "checkout-index",
] as const;
