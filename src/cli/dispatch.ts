// Routing inside a command group: known subcommands, the group's own command, help, "did you mean".
import { EXIT } from "../errors.ts";
import { findGroup } from "./catalog.ts";
import { groupHelp, unknownCommand } from "./help.ts";

export type Handler = (argv: string[]) => Promise<number | void>;

/** `self` runs the group itself (`hs log …`); without it the group only dispatches and shows its help. */
export async function dispatch(name: string, argv: string[], handlers: Record<string, Handler>, self?: Handler): Promise<number | void> {
  const group = findGroup(name);
  if (!group) throw unknownCommand([name, ...argv], 1);
  const [sub, ...rest] = argv;
  const handler = sub !== undefined && Object.hasOwn(handlers, sub) ? handlers[sub] : undefined;
  if (handler) return handler(rest);
  if (self) {
    if (sub !== undefined && !sub.startsWith("-") && !group.takesPositional) throw unknownCommand([name, ...argv], 2);
    return self(argv);
  }
  if (sub === "--help" || sub === "-h") {
    process.stdout.write(groupHelp(name, group) + "\n");
    return EXIT.ok;
  }
  if (sub === undefined || sub.startsWith("-")) {
    process.stderr.write(groupHelp(name, group) + "\n");
    return EXIT.usage;
  }
  throw unknownCommand([name, ...argv], 2);
}

/** A handler that loads its module on first use. */
export function lazy(load: () => Promise<{ run: Handler }>): Handler {
  return async (argv) => (await load()).run(argv);
}
