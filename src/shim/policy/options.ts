// git's parse-options, as data: unique-prefix long options (with `--no-` negation and the
// positive form of `no-` options), short bundles where a value-taking option ends the bundle,
// options after operands, and `--`.
import type { OptionKind, OptionTable } from "./tables/git-options.ts";

export interface ParsedOption {
  /** Canonical long name as in the table, or "-X" for a short-only option. */
  name: string;
  /** `--no-name`, or the positive spelling of a `no-` option. */
  negated: boolean;
  value?: string;
  /** The argument as written, for messages. */
  raw: string;
}

export interface ParsedArgs {
  options: ParsedOption[];
  operands: string[];
  /** Index in `operands` where `--` stood, or -1. */
  dashdash: number;
  /** Unknown, ambiguous, or missing-value arguments: the caller fails closed on them. */
  problems: string[];
}

interface Form {
  name: string;
  negated: boolean;
  kind: OptionKind;
}

function formsOf(table: OptionTable): Map<string, Form> {
  const forms = new Map<string, Form>();
  const entries = Object.entries(table.long);
  for (const [name, kind] of entries) forms.set(name, { name, negated: false, kind });
  for (const [name] of entries) {
    // git also negates `no-` options (`--no-no-verify`), which completion does not list.
    const negatable = table.neg === undefined || table.neg.includes(name) || name.startsWith("no-");
    if (negatable && !forms.has(`no-${name}`)) forms.set(`no-${name}`, { name, negated: true, kind: "n" });
    if (name.startsWith("no-") && !forms.has(name.slice(3))) forms.set(name.slice(3), { name, negated: true, kind: "n" });
  }
  return forms;
}

const cache = new WeakMap<OptionTable, Map<string, Form>>();

export function resolveLong(table: OptionTable, typed: string): Form | "ambiguous" | undefined {
  let forms = cache.get(table);
  if (forms === undefined) {
    forms = formsOf(table);
    cache.set(table, forms);
  }
  const exact = forms.get(typed);
  if (exact) return exact;
  const hits = new Map<string, Form>();
  for (const [spelling, form] of forms) {
    if (spelling.startsWith(typed)) hits.set(`${form.name}/${form.negated}`, form);
  }
  if (hits.size === 1) return [...hits.values()][0];
  return hits.size > 1 ? "ambiguous" : undefined;
}

export function parseArgs(args: readonly string[], table: OptionTable, stopAtOperand = false): ParsedArgs {
  const out: ParsedArgs = { options: [], operands: [], dashdash: -1, problems: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      out.dashdash = out.operands.length;
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      if (stopAtOperand) {
        out.operands.push(...args.slice(i));
        break;
      }
      out.operands.push(arg);
      continue;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const typed = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const form = resolveLong(table, typed);
      if (form === undefined || form === "ambiguous") {
        out.problems.push(arg);
        continue;
      }
      const opt: ParsedOption = { name: form.name, negated: form.negated, raw: arg };
      if (eq >= 0) {
        if (form.kind === "n") out.problems.push(arg);
        opt.value = arg.slice(eq + 1);
      } else if (form.kind === "r") {
        if (i + 1 >= args.length) out.problems.push(arg);
        else opt.value = args[++i] as string;
      }
      out.options.push(opt);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const entry = table.short[arg[j] as string];
      if (entry === undefined) {
        out.problems.push(`-${arg[j]}`);
        continue;
      }
      const [name, kind] = entry;
      const rest = arg.slice(j + 1);
      if (kind === "n") {
        out.options.push({ name, negated: false, raw: arg });
        continue;
      }
      if (kind === "o" || rest !== "") out.options.push({ name, negated: false, value: rest, raw: arg });
      else if (i + 1 < args.length) out.options.push({ name, negated: false, value: args[++i] as string, raw: arg });
      else out.problems.push(arg);
      break;
    }
  }
  return out;
}

/** Last word on a boolean: `key` on -> true, `--no-key` (or `no-key` option) -> false. */
export function flag(p: ParsedArgs, key: string): boolean | undefined {
  let state: boolean | undefined;
  for (const o of p.options) {
    if (o.name === key) state = !o.negated;
    else if (o.name === `no-${key}`) state = o.negated;
  }
  return state;
}

export function has(p: ParsedArgs, name: string): boolean {
  return p.options.some((o) => o.name === name && !o.negated);
}

export function values(p: ParsedArgs, name: string): string[] {
  return p.options.filter((o) => o.name === name && !o.negated && o.value !== undefined).map((o) => o.value as string);
}

/** For an option with an optional value (e.g. `--rebase[=mode]`): the last setting, or undefined. */
export function last(p: ParsedArgs, name: string): ParsedOption | undefined {
  return p.options.filter((o) => o.name === name).at(-1);
}
