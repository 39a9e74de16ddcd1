// The everyday spellings of hot commands (`hs merge-back ID --json`, `hs session run ID -- CMD`) parsed without
// loading yargs, which costs more than the rest of such a command's start. Anything else (help, unknown or repeated
// options, `--x=y`, numeric-looking positionals that yargs would turn into numbers) returns null: the caller then
// parses with yargs, so errors and edge cases read exactly as before. test/cli/quick-args.test.ts holds both to the
// same answers.
export interface QuickSpec {
  /** Exactly this many positionals, or null. */
  positionals: number;
  booleans: readonly string[];
  strings?: readonly string[];
  choices?: Readonly<Record<string, readonly string[]>>;
  defaults?: Readonly<Record<string, string | boolean>>;
}

export type QuickArgs = { _: string[] } & { [name: string]: unknown };

const NAME = /^--([a-z][a-z-]*)$/;
// yargs turns these into numbers (`007` -> 7, `1e3` -> 1000); leave them to it.
const NUMERIC = /^[-+]?(?:\d|\.\d)|^0x/i;

export function quickParse(argv: readonly string[], spec: QuickSpec): QuickArgs | null {
  const out: QuickArgs = { _: [] };
  for (const name of spec.booleans) out[name] = false;
  for (const [name, value] of Object.entries(spec.defaults ?? {})) out[name] = value;
  const seen = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] as string;
    if (!token.startsWith("-")) {
      if (token === "" || NUMERIC.test(token)) return null;
      out._.push(token);
      continue;
    }
    const name = NAME.exec(token)?.[1];
    if (!name || seen.has(name)) return null;
    seen.add(name);
    if (spec.booleans.includes(name)) {
      out[name] = true;
    } else if (spec.strings?.includes(name)) {
      const value = argv[index + 1];
      if (value === undefined || value === "" || value.startsWith("-") || NUMERIC.test(value)) return null;
      if (spec.choices?.[name] && !spec.choices[name].includes(value)) return null;
      out[name] = value;
      index += 1;
    } else {
      return null;
    }
  }
  return out._.length === spec.positionals ? out : null;
}
