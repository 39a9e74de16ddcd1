// Help text built from the catalog: the top-level list, a group's subcommands, and the description and
// example that every yargs-parsed command shows with --help. Also the "did you mean" refusal.
import { HsError } from "../errors.ts";
import { findGroup, findSpec, visibleGroups, type GroupSpec } from "./catalog.ts";
import { closest } from "./suggest.ts";

export function topHelp(): string {
  const width = Math.max(...visibleGroups().map(([name]) => name.length)) + 2;
  return [
    "usage: hs <command> [options]",
    "",
    "commands:",
    ...visibleGroups().map(([name, group]) => `  ${name.padEnd(width)}${group.describe}`),
    "",
    "global options: --no-color (also NO_COLOR=1), --json on every read command",
    "hs help <command> [subcommand] (or hs <command> --help) for details",
  ].join("\n");
}

/** Help for a group that only dispatches (`hs session`, `hs lock`). */
export function groupHelp(name: string, group: GroupSpec): string {
  return [`usage: hs ${name} <subcommand> [options]`, "", group.describe, "", ...subcommandLines(name, group), "", "example:", `  ${group.example}`].join("\n");
}

export function subcommandLines(name: string, group: GroupSpec): string[] {
  const subs = Object.entries(group.subcommands ?? {});
  const width = Math.max(0, ...subs.map(([sub]) => sub.length)) + 2;
  return ["subcommands:", ...subs.map(([sub, spec]) => `  ${sub.padEnd(width)}${spec.describe}`), "", `hs ${name} <subcommand> --help for each one's options`];
}

/** "hs lock release <lock-id>" -> "lock release": the leading plain words of a yargs script name. */
export function helpKey(scriptName: string): string {
  const plain: string[] = [];
  for (const word of scriptName.split(/\s+/).slice(1)) {
    if (!/^[a-z][a-z-]*$/.test(word)) break;
    plain.push(word);
  }
  return (findSpec(plain.slice(0, 2).join(" ")) ? plain.slice(0, 2) : plain.slice(0, 1)).join(" ");
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(value: string): string {
  return SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** argv with a mistyped group or subcommand replaced by the closest known one, or undefined. */
export function corrected(argv: string[]): string[] | undefined {
  const [word, sub, ...rest] = argv;
  if (word === undefined) return undefined;
  const name = findGroup(word) && !findGroup(word)!.hidden ? word : closest(word, visibleGroups().map(([n]) => n));
  if (!name) return undefined;
  const group = findGroup(name)!;
  const subs = Object.keys(group.subcommands ?? {});
  if (sub === undefined || sub.startsWith("-") || !subs.length || subs.includes(sub)) return [name, ...argv.slice(1)];
  const fixed = closest(sub, subs);
  if (fixed) return [name, fixed, ...rest];
  return group.runsItself ? [name, ...argv.slice(1)] : undefined;
}

export function unknownCommand(argv: string[], depth: 1 | 2): HsError {
  const kind = depth === 1 ? "command" : "subcommand";
  const shown = argv.slice(0, depth).join(" ");
  const fix = corrected(argv);
  if (!fix) return new HsError("HS-USAGE", `unknown ${kind} '${shown}'`, { hint: depth === 1 ? "hs --help" : `hs ${argv[0]} --help` });
  return new HsError("HS-USAGE", `unknown ${kind} '${shown}'; did you mean '${fix.slice(0, depth).join(" ")}'?`, {
    hint: `hs ${fix.map(quoteArg).join(" ")}`,
  });
}
