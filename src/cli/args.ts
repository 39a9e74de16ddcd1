// Shared yargs construction so every command parses strictly and reports usage errors as HS-USAGE.
import yargs, { type Argv } from "yargs";
import { HsError } from "../errors.ts";
import { findGroup, findSpec } from "./catalog.ts";
import { helpKey, subcommandLines } from "./help.ts";

export function parser(argv: string[], scriptName: string): Argv {
  const key = helpKey(scriptName);
  const spec = findSpec(key);
  const group = key.includes(" ") ? undefined : findGroup(key);
  const built = yargs(argv)
    .scriptName(scriptName)
    .usage(`usage: ${scriptName} [options]`);
  // A second usage entry is its own block: yargs wraps a multi-line usage text badly.
  if (spec) built.usage(spec.describe);
  if (spec?.example) built.example(spec.example, "");
  if (group?.subcommands) built.epilogue(subcommandLines(key, group).join("\n"));
  return built
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((message, error) => {
      throw error instanceof HsError ? error : new HsError("HS-USAGE", message || error?.message || "invalid arguments", { hint: `hs ${key} --help` });
    });
}

/** Parses, or prints help and returns undefined when --help/-h was asked for. */
export function parseArgs<T>(argv: string[], build: Argv<T>): (T & { _: (string | number)[] }) | undefined {
  if (argv.includes("--help") || argv.includes("-h")) {
    build.showHelp("log");
    return undefined;
  }
  return build.parseSync() as T & { _: (string | number)[] };
}

export { splitAtDoubleDash } from "./split-args.ts";
