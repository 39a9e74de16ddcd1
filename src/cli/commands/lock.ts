// hs lock list | hs lock release ID --reason TEXT (operator).
import { dispatch } from "../dispatch.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines, table } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { listLocks } from "../../sessions/locks.ts";
import { releaseLockOp } from "../../sessions/ops.ts";
import { currentActor } from "../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("lock", argv, { list, release });
}

async function list(argv: string[]): Promise<void> {
  const args = parseArgs(argv, parser(argv, "hs lock list").option("all", { type: "boolean", default: false }).option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const locks = listLocks(ws, { all: args.all });
    if (args.json) return printJson(locks);
    if (!locks.length) return printLines(["no active locks"]);
    printLines(table(["LOCK", "SESSION", "GLOB", "WORKTREE", "SINCE", "RELEASED"], locks.map((l) => [l.lock_id, l.session_id, l.glob, l.worktree_path, l.acquired_at, l.released_at ?? "-"])));
  } finally {
    ws.close();
  }
}

async function release(argv: string[]): Promise<void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs lock release <lock-id>").demandCommand(1, "give a lock id").option("reason", { type: "string", demandOption: true }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const lock = releaseLockOp(ws, currentActor(), { lockId: String(args._[0]), reason: args.reason });
    if (args.json) return printJson({ released: lock.lock_id, session_id: lock.session_id, glob: lock.glob });
    printLines([`released ${lock.lock_id} (${lock.glob}) held by ${lock.session_id}`]);
  } finally {
    ws.close();
  }
}
