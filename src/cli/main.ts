// hs entry point: picks the command group from argv[0] and loads only that module.
// Hidden entries (__hook, __gate) serve hooks and the shim; they never load yargs or zod.
import { EXIT, HsError, formatError } from "../errors.ts";
import { setProgressSink } from "../progress.ts";
import { findGroup } from "./catalog.ts";
import { configureColour, paint } from "./colour.ts";
import { topHelp, unknownCommand } from "./help.ts";
import { ttyProgressSink } from "./progress-tty.ts";
import { trace } from "../trace.ts";

/** --no-color is global: taken out of hs's own options (never out of a command after `--`). */
export function withoutGlobalFlags(argv: string[]): string[] {
  const split = argv.indexOf("--");
  const own = split < 0 ? argv : argv.slice(0, split);
  return [...own.filter((arg) => arg !== "--no-color"), ...(split < 0 ? [] : argv.slice(split))];
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(topHelp() + "\n");
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "help") {
    if (!rest.length) return process.stdout.write(topHelp() + "\n"), EXIT.ok;
    return main([...rest.filter((arg) => arg !== "--help" && arg !== "-h"), "--help"]);
  }
  if (name === "--version") {
    process.stdout.write(`${HS_VERSION}\n`);
    return EXIT.ok;
  }
  const group = findGroup(name);
  if (!group) throw unknownCommand(argv, 1);
  trace(`entry loaded, loading ${name}`);
  const module = await group.load();
  trace(`${name} loaded`);
  return (await module.run(rest)) ?? EXIT.ok;
}

export const HS_VERSION = "0.1.0";

function report(error: unknown, json: boolean): number {
  const hsError =
    error instanceof HsError
      ? error
      : new HsError("HS-INTERNAL", error instanceof Error ? error.message : String(error), { cause: error, hint: "hs doctor   # please report this with hs log export" });
  if (json) process.stdout.write(JSON.stringify(hsError.toJSON()) + "\n");
  const [first = "", ...more] = formatError(hsError).split("\n");
  process.stderr.write([paint("stderr", "red", first), ...more.map((line) => line.replace(/^(\s*)(next:)/, (_, space, next) => space + paint("stderr", "cyan", next)))].join("\n") + "\n");
  if (!(error instanceof HsError) && process.env.HS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return hsError.exitCode;
}

const raw = process.argv.slice(2);
const hidden = findGroup(raw[0] ?? "")?.hidden === true;
const argv = hidden ? raw : withoutGlobalFlags(raw);
if (!hidden) {
  configureColour(raw);
  setProgressSink(ttyProgressSink());
}
main(argv).then(
  (code) => {
    trace("done");
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error, argv.includes("--json"));
  },
);
