// hs entry point: picks the command group from argv[0] and loads only that module.
// Hidden entries (__hook, __gate) serve hooks and the shim; they never load yargs or zod.
import { EXIT, HsError, formatError } from "../errors.ts";

interface CommandGroup {
  describe: string;
  load: () => Promise<{ run(argv: string[]): Promise<number | void> }>;
  hidden?: boolean;
}

const GROUPS: Record<string, CommandGroup> = {
  init: { describe: "install hs into this repository (registry, policy, hooks)", load: () => import("./commands/init.ts") },
  uninstall: { describe: "restore the hook setup as it was before hs init", load: () => import("./commands/uninstall.ts") },
  doctor: { describe: "report hooks, registry drift, database integrity, sandbox availability", load: () => import("./commands/doctor.ts") },
  session: { describe: "create, list, show, cancel, shell, run, pause, resume, close sessions", load: () => import("./commands/session.ts") },
  wp: { describe: "work packets: create, list, show, update, ready/start/block/gate/done/cancel, depend, board", load: () => import("./commands/wp.ts") },
  mt: { describe: "micro-tasks: add, list, show, start/done/fail/skip, iterate", load: () => import("./commands/mt.ts") },
  handoff: { describe: "write, list and show session handoffs", load: () => import("./commands/handoff.ts") },
  anchor: { describe: "objective anchors: create, list, show, link, note", load: () => import("./commands/anchor.ts") },
  lock: { describe: "list and release file-scope locks", load: () => import("./commands/lock.ts") },
  log: { describe: "read, follow, verify and export the Flight Recorder", load: () => import("./commands/log.ts") },
  rebuild: { describe: "recreate .handshake/devcc.db from linkage files, git and artifacts", load: () => import("./commands/rebuild.ts") },
  check: { describe: "classify a command as the Tool Gate would, without running it", load: () => import("./commands/check.ts") },
  approvals: { describe: "list pending approval requests", load: () => import("./commands/approvals.ts") },
  approve: { describe: "approve a pending request (once, job or workspace)", load: () => import("./commands/approve.ts") },
  deny: { describe: "deny a pending request with a reason", load: () => import("./commands/deny.ts") },
  grants: { describe: "list or revoke standing approvals", load: () => import("./commands/grants.ts") },
  "merge-back": { describe: "hand a session's work back: artifact, conflict report, atomic apply", load: () => import("./commands/merge-back.ts") },
  conflicts: { describe: "predicted conflicts between active sessions and their targets", load: () => import("./commands/conflicts.ts") },
  prune: { describe: "list orphaned worktrees, registry entries and stale branches", load: () => import("./commands/prune.ts") },
  ui: { describe: "serve the Dev Command Center API on loopback (one-time login URL)", load: () => import("./commands/ui.ts") },
  __hook: { describe: "git hook runtime", load: () => import("../hooks/entry.ts"), hidden: true },
  __gate: { describe: "shim slow path", load: () => import("../shim/entry.ts"), hidden: true },
  __host: { describe: "session host", load: () => import("../sandbox/entry.ts"), hidden: true },
};

function usage(): string {
  const lines = ["usage: hs <command> [options]   (hs <command> --help for details)", "", "commands:"];
  for (const [name, group] of Object.entries(GROUPS)) if (!group.hidden) lines.push(`  ${name.padEnd(12)} ${group.describe}`);
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version") {
    process.stdout.write(`${HS_VERSION}\n`);
    return EXIT.ok;
  }
  const group = Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
  if (!group) throw new HsError("HS-USAGE", `unknown command '${name}'`, { hint: "hs --help" });
  const module = await group.load();
  return (await module.run(rest)) ?? EXIT.ok;
}

export const HS_VERSION = "0.1.0";

function report(error: unknown, json: boolean): number {
  const hsError =
    error instanceof HsError
      ? error
      : new HsError("HS-INTERNAL", error instanceof Error ? error.message : String(error), { cause: error, hint: "hs doctor; please report this with hs log export" });
  if (json) process.stdout.write(JSON.stringify(hsError.toJSON()) + "\n");
  process.stderr.write(formatError(hsError) + "\n");
  if (!(error instanceof HsError) && process.env.HS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return hsError.exitCode;
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error, argv.includes("--json"));
  },
);
