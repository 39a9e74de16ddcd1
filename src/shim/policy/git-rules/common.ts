// Shared by the per-subcommand rules: strict parsing against git's own option table, refs in
// the session namespace, and local repository paths.
import { finding, type Finding } from "../decide.ts";
import type { GitCall } from "../git-call.ts";
import { parseArgs, type ParsedArgs } from "../options.ts";
import { GIT_OPTIONS } from "../tables/git-options.ts";

export type GitRule = (call: GitCall) => Finding[];

export interface Parsed {
  p: ParsedArgs;
  findings: Finding[];
}

/** Parses with the table of `name`; anything unresolvable becomes a fail-closed finding. */
export function parse(args: readonly string[], name: string, stopAtOperand = false): Parsed {
  const table = GIT_OPTIONS[name] ?? { long: {}, short: {} };
  const p = parseArgs(args, table, stopAtOperand);
  const findings = p.problems.length > 0 ? [finding("git.parse.unrecognised", undefined, p.problems.join(" "))] : [];
  return { p, findings };
}

/** Branch names a session may create or move: only under `hs/<id>/`. */
export function inSessionNamespace(call: GitCall, branch: string): boolean {
  const name = branch.startsWith("refs/heads/") ? branch.slice("refs/heads/".length) : branch;
  const prefix = `hs/${call.ctx.session.id}/`;
  return name.startsWith(prefix) && name.length > prefix.length && !name.includes("..");
}

export function namespaceFindings(call: GitCall, branches: readonly string[]): Finding[] {
  return branches.filter((b) => !inSessionNamespace(call, b)).map((b) => finding("git.ref.outside-session", undefined, b));
}

/** The filesystem path a repository argument names, or null for a remote name or a network URL. */
export function localRepoPath(arg: string): string | null {
  const url = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(arg);
  if (url) return url[1]?.toLowerCase() === "file" ? `/${(url[2] ?? "").replace(/^[^/]*\//, "")}` : null;
  if (/^[^/]*:/.test(arg) && !arg.startsWith("./") && !arg.startsWith("/")) return null;
  return arg.includes("/") || arg.startsWith(".") || arg.startsWith("~") ? arg : null;
}

export function isHelp(args: readonly string[]): boolean {
  return args[0] === "--help" || args[0] === "-h";
}
