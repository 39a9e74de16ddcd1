// hs session <sub>: each subcommand is its own lazily loaded module.
import { HsError } from "../../errors.ts";

type Sub = () => Promise<{ run(argv: string[]): Promise<number | void> }>;

const SUBCOMMANDS: Record<string, { describe: string; load: Sub }> = {
  create: { describe: "create a session (worktree or lock isolation)", load: () => import("./session/create.ts") },
  list: { describe: "list sessions", load: () => import("./session/list.ts") },
  show: { describe: "show one session", load: () => import("./session/show.ts") },
  cancel: { describe: "cancel a session and its descendants", load: () => import("./session/cancel.ts") },
  env: { describe: "print shell lines that put a shell into the session's gate", load: () => import("./session/env.ts") },
  shell: { describe: "attach this terminal to the session (pty shell in the sandbox)", load: () => import("./session/shell.ts") },
  run: { describe: "run a command inside the session's sandbox and gate", load: () => import("./session/run.ts") },
  rules: { describe: "print the briefing the session's agent gets (where it may write, what needs approval)", load: () => import("./session/rules.ts") },
  pause: { describe: "freeze every process of the session", load: () => import("./session/pause.ts") },
  resume: { describe: "continue a paused session (starts a new host after a crash)", load: () => import("./session/resume.ts") },
  close: { describe: "remove a finished session's worktree and branch, proving nothing is lost", load: () => import("./session/close.ts") },
  checkpoint: { describe: "write a checkpoint of the session's working state now", load: () => import("./session/checkpoint.ts") },
  checkpoints: { describe: "list the session's checkpoints", load: () => import("./session/checkpoints.ts") },
  restore: { describe: "restore a checkpoint (whole tree or --paths), undoable", load: () => import("./session/restore.ts") },
  diff: { describe: "show what changed since a checkpoint", load: () => import("./session/diff.ts") },
};

export async function run(argv: string[]): Promise<number | void> {
  const [sub, ...rest] = argv;
  if (!sub || sub === "--help" || sub === "-h") {
    const lines = ["usage: hs session <subcommand> [options]", "", ...Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(8)} ${s.describe}`)];
    process.stdout.write(lines.join("\n") + "\n");
    return sub ? 0 : 2;
  }
  const entry = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!entry) throw new HsError("HS-USAGE", `unknown subcommand 'session ${sub}'`, { hint: "hs session --help" });
  return (await entry.load()).run(rest);
}
