// Shared bits of the work command groups (hs wp / mt / handoff / anchor): sub-command dispatch, the workspace
// and actor, reading --description-file, and the one-line forms of records.
import fs from "node:fs";
import { HsError } from "../../../errors.ts";
import { dispatch as route } from "../../dispatch.ts";
import { openWorkspace, type Workspace } from "../../../registry/workspace.ts";
import { currentActor } from "../../../ops/current.ts";
import type { Actor } from "../../../ops/actor.ts";
import type { WorkPacket } from "../../../work/wp-model.ts";
import type { MicroTask } from "../../../work/mt-model.ts";

export type Sub = (argv: string[], name: string) => Promise<number | void>;

/** Routes through the CLI's one dispatcher: help, "did you mean" and the catalog's descriptions (../../catalog-work.ts). */
export async function dispatch(
  group: string,
  subs: Record<string, { describe: string; run: Sub }>,
  argv: string[],
): Promise<number | void> {
  return route(group, argv, Object.fromEntries(Object.entries(subs).map(([name, sub]) => [name, (rest: string[]) => sub.run(rest, name)])));
}

export async function withWorkspace<T>(fn: (ws: Workspace, actor: Actor) => T): Promise<T> {
  const ws = openWorkspace(process.cwd());
  try {
    return fn(ws, currentActor());
  } finally {
    ws.close();
  }
}

export function readTextFile(file: string | undefined, flag: string): string | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new HsError("HS-INPUT-FILE", `${flag} ${file}: ${(error as Error).message}`, { hint: `ls -l '${file}'` });
  }
}

export function positional(args: { _: (string | number)[] }, what: string, usage: string): string {
  const value = args._[0];
  if (value === undefined) throw new HsError("HS-USAGE", `give ${what}`, { hint: usage });
  return String(value);
}

export const wpLine = (wp: WorkPacket) =>
  `${wp.wp_id.padEnd(12)} ${wp.status.padEnd(11)} P${wp.priority} ${wp.type.padEnd(8)} ${wp.title}`;
export const mtLine = (mt: MicroTask) =>
  `${mt.mt_id.padEnd(10)} ${mt.status.padEnd(11)} ${mt.wp_id.padEnd(12)} ${mt.name}  [${[...mt.files.modify, ...mt.files.create].join(" ")}]`;
