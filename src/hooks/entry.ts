// `hs __hook <name> <chained hook> [git's args...]`: the Node side of the hs hooks, started by the sh
// scripts only inside a session (or a lock-mode worktree). No yargs, no zod, no SQLite unless refusing.
import fs from "node:fs";
import path from "node:path";
import { resolveActor, type HookActor } from "./actor.ts";
import { runChained } from "./chain.ts";
import { MarkerError, readLockMarker, readSessionMarker } from "./markers.ts";
import { checkPreCommit } from "./pre-commit.ts";
import { checkPrePush } from "./pre-push.ts";
import { checkReferenceTransaction } from "./reference-transaction.ts";
import { formatRefusals, type Refusal } from "./refusal.ts";

const READS_STDIN = new Set(["pre-push", "reference-transaction"]);

export async function run(argv: string[]): Promise<number> {
  const [hook = "", chain = "", ...args] = argv;
  const cwd = process.cwd();
  const env = process.env;
  // git exports GIT_DIR for hooks in linked worktrees; in the main worktree it is .git
  const gitDir = env.GIT_DIR ? path.resolve(cwd, env.GIT_DIR) : path.join(cwd, ".git");
  // Read stdin once: the check and the chained hook both get these exact bytes.
  const stdin = READS_STDIN.has(hook) ? fs.readFileSync(0) : undefined;

  let actor: HookActor;
  try {
    actor = resolveActor({ session: readSessionMarker(gitDir), locks: readLockMarker(gitDir), envSessionId: env.HS_SESSION_ID });
  } catch (error) {
    if (!(error instanceof MarkerError)) throw error;
    process.stderr.write(`hs: ${hook} refused: ${error.message}; hs fails closed\n      next: hs doctor\n`);
    return 1;
  }

  const refusals = check(hook, actor, cwd, env, gitDir, args, stdin?.toString("utf8") ?? "");
  if (refusals.length) {
    process.stderr.write(formatRefusals(hook, actor, refusals));
    try {
      const { recordRefusal } = await import("./record-refusal.ts");
      await recordRefusal(hook, actor, refusals, cwd, env);
    } catch (error) {
      process.stderr.write(`hs: warning: could not record the refusal in the Flight Recorder: ${(error as Error).message}\n`);
    }
    return 1;
  }
  return runChained(chain, args, stdin, cwd);
}

function check(hook: string, actor: HookActor, cwd: string, env: NodeJS.ProcessEnv, gitDir: string, args: string[], stdin: string): Refusal[] {
  switch (hook) {
    case "pre-commit":
      return checkPreCommit(actor, cwd, env, gitDir);
    case "reference-transaction":
      return args[0] === "prepared" ? checkReferenceTransaction(actor, cwd, env, stdin) : [];
    case "pre-push":
      return checkPrePush(actor, cwd, env, args, stdin);
    default:
      return [];
  }
}
