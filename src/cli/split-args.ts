// Without yargs: commands that carry a command line split it off before parsing their own options.

/** Splits `hs … [options] -- CMD…` into hs's own options and the command it carries. */
export function splitAtDoubleDash(argv: string[]): { options: string[]; command: string[] } {
  const split = argv.indexOf("--");
  return split < 0 ? { options: argv, command: [] } : { options: argv.slice(0, split), command: argv.slice(split + 1) };
}
