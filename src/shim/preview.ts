// Bounded previews of what an `ask` command could lose, shown in `hs approvals`. Best effort: a preview
// that cannot be computed is left out, it never blocks or changes the request. Read-only git only.
import fs from "node:fs";
import path from "node:path";
import { runGitSync, neutralGitEnv, NEUTRAL_CONFIG_ARGS } from "../git/index.ts";
import type { Preview, PreviewEntry } from "./approvals/types.ts";
import { splitGitArgv } from "./git-argv.ts";

export const PREVIEW_LIMIT = 50;

function git(cwd: string, args: string[]): string | undefined {
  const result = runGitSync({ args: [...NEUTRAL_CONFIG_ARGS, ...args], cwd, env: neutralGitEnv() });
  return result.code === 0 ? result.stdout : undefined;
}

function bounded(title: string, entries: PreviewEntry[]): Preview | undefined {
  if (!entries.length) return undefined;
  return { title, entries: entries.slice(0, PREVIEW_LIMIT), truncated: entries.length > PREVIEW_LIMIT };
}

function uncommitted(cwd: string): Preview | undefined {
  const out = git(cwd, ["status", "--porcelain=v1", "-z", "--untracked-files=no"]);
  if (out === undefined) return undefined;
  const entries = out.split("\0").filter((line) => /^[ MADRCU?!]{2} /.test(line)).map((line) => ({ kind: "uncommitted", text: `${line.slice(0, 2).trim()} ${line.slice(3)}` }));
  return bounded("uncommitted changes that would be discarded", entries);
}

function untracked(cwd: string, args: string[]): Preview | undefined {
  const flags = new Set<string>();
  const operands: string[] = [];
  let afterDashDash = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (afterDashDash || !arg.startsWith("-")) operands.push(arg);
    else if (arg === "--") afterDashDash = true;
    else if (arg === "-e" || arg === "--exclude") i += 1;
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      for (const letter of arg.slice(1)) if ("dxX".includes(letter)) flags.add(`-${letter}`);
    }
  }
  const out = git(cwd, ["clean", "--dry-run", ...flags, "--", ...operands]);
  if (out === undefined) return undefined;
  const entries = out.split("\n").filter(Boolean).map((line) => ({ kind: "untracked", text: line.replace(/^Would remove /, "") }));
  return bounded("untracked files that would be deleted", entries);
}

function commits(cwd: string, range: string[], title: string): Preview | undefined {
  const out = git(cwd, ["log", "--format=%h %s", "--max-count", String(PREVIEW_LIMIT + 1), ...range, "--"]);
  if (out === undefined) return undefined;
  return bounded(title, out.split("\n").filter(Boolean).map((text) => ({ kind: "commit", text })));
}

function forcePush(cwd: string, args: string[]): Preview | undefined {
  const operands = args.filter((arg) => !arg.startsWith("-"));
  const remote = operands[0] ?? "origin";
  const refspecs = operands.slice(1);
  const pairs = refspecs.length ? refspecs : ["HEAD"];
  const previews: PreviewEntry[] = [];
  for (const spec of pairs) {
    const clean = spec.replace(/^\+/, "");
    const [src, dst] = clean.includes(":") ? clean.split(":", 2) : [clean, clean];
    let target = dst || src || "HEAD";
    if (target === "HEAD") target = git(cwd, ["symbolic-ref", "--short", "-q", "HEAD"])?.trim() ?? "HEAD";
    const remoteRef = `refs/remotes/${remote}/${target.replace(/^refs\/heads\//, "")}`;
    const local = src ? src : undefined;
    const range = local ? [remoteRef, `^${local}`] : [remoteRef];
    const found = commits(cwd, range, "");
    for (const entry of found?.entries ?? []) previews.push({ kind: "commit", text: `${remoteRef}: ${entry.text}` });
  }
  return bounded("remote commits the push would drop", previews);
}

function branchCommits(cwd: string, args: string[]): Preview | undefined {
  const names = args.filter((arg) => !arg.startsWith("-"));
  const entries: PreviewEntry[] = [];
  for (const name of names) {
    // Session branches are left out of "kept elsewhere": another session's branch may name a commit in its private
    // store, which makes git log fail (bad object), and a session's work is not a safe place anyway.
    const found = commits(cwd, [`refs/heads/${name}`, "--not", `--exclude=${name}`, "--exclude=hs/*", "--branches", "--remotes", "--tags"], "");
    for (const entry of found?.entries ?? []) entries.push({ kind: "commit", text: `${name}: ${entry.text}` });
  }
  return bounded("commits only on the branch that would be lost", entries);
}

function stashes(cwd: string): Preview | undefined {
  const out = git(cwd, ["stash", "list"]);
  return out === undefined ? undefined : bounded("stash entries", out.split("\n").filter(Boolean).map((text) => ({ kind: "stash", text })));
}

/** Files `rm` would delete: a bounded walk of the operands (symlinks listed, never followed). */
function rmFiles(cwd: string, args: string[]): Preview | undefined {
  const entries: PreviewEntry[] = [];
  let afterDashDash = false;
  const walk = (file: string): void => {
    if (entries.length > PREVIEW_LIMIT) return;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return;
    }
    entries.push({ kind: stat.isSymbolicLink() ? "symlink" : stat.isDirectory() ? "dir" : "file", text: file });
    if (stat.isDirectory()) for (const name of fs.readdirSync(file).sort()) walk(path.join(file, name));
  };
  for (const arg of args) {
    if (!afterDashDash && arg === "--") afterDashDash = true;
    else if (afterDashDash || !arg.startsWith("-") || arg === "-") walk(path.resolve(cwd, arg));
  }
  return bounded("files rm would delete", entries);
}

export function computePreviews(tool: "git" | "rm", argv: string[], cwd: string, subcommand?: string): Preview[] {
  try {
    if (tool === "rm") return [rmFiles(cwd, argv.slice(1))].filter((p): p is Preview => p !== undefined);
    const split = splitGitArgv(argv.slice(1));
    const sub = subcommand ?? split.subcommand;
    const args = split.args;
    const at = split.cwd ? path.resolve(cwd, split.cwd) : cwd;
    const previews: (Preview | undefined)[] = [];
    if (sub === "reset" || sub === "checkout" || sub === "restore" || sub === "switch" || sub === "pull" || sub === "rebase" || sub === "merge") previews.push(uncommitted(at));
    if (sub === "clean") previews.push(untracked(at, args));
    if (sub === "push") previews.push(forcePush(at, args));
    if (sub === "branch") previews.push(branchCommits(at, args));
    if (sub === "stash") previews.push(stashes(at));
    return previews.filter((p): p is Preview => p !== undefined);
  } catch {
    return [];
  }
}
