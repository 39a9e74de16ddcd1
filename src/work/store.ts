// Work records as governance files: .handshake/gov/work_packets/<wp_id>/packet.json and
// .handshake/gov/micro_tasks/<wp_id>/<mt_id>/packet.json. The files are the authority; every write is atomic.
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { writeJsonAtomic } from "../registry/atomic-write.ts";
import { WorkPacketSchema, type WorkPacket } from "./wp-model.ts";
import { MicroTaskSchema, type MicroTask } from "./mt-model.ts";

export const govRoot = (ws: Workspace) => path.join(ws.loc.handshakeDir, "gov");
export const boardPath = (ws: Workspace) => path.join(govRoot(ws), "TASK_BOARD.md");
export const wpPath = (ws: Workspace, wpId: string) => path.join(govRoot(ws), "work_packets", wpId, "packet.json");
export const wpNotesDir = (ws: Workspace, wpId: string) => path.join(govRoot(ws), "work_packets", wpId, "notes");
export const mtPath = (ws: Workspace, wpId: string, mtId: string) =>
  path.join(govRoot(ws), "micro_tasks", wpId, mtId, "packet.json");

function parseRecord<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw invalid(file, [`(file): ${(error as Error).message}`], error);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw invalid(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  return parsed.data;
}

function invalid(file: string, errors: string[], cause?: unknown): HsError {
  return new HsError("HS-WORK-RECORD-INVALID", `${file} is not a valid record:\n  ${errors.join("\n  ")}`, {
    hint: `git diff -- '${file}'   (restore it with: git checkout -- '${file}')`,
    details: { file, errors },
    cause,
  });
}

/** Every packet file under `dir`, `depth` folder levels down (1 for WPs, 2 for MTs). */
function packetFiles(dir: string, depth: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."));
  if (depth === 1)
    return names.map((entry) => path.join(dir, entry.name, "packet.json")).filter((file) => fs.existsSync(file));
  return names.flatMap((entry) => packetFiles(path.join(dir, entry.name), depth - 1));
}

export function wpFiles(ws: Workspace): string[] {
  return packetFiles(path.join(govRoot(ws), "work_packets"), 1).sort();
}

export function mtFiles(ws: Workspace): string[] {
  return packetFiles(path.join(govRoot(ws), "micro_tasks"), 2).sort();
}

export function readWpFile(file: string): WorkPacket {
  return parseRecord(file, WorkPacketSchema);
}

export function readMtFile(file: string): MicroTask {
  return parseRecord(file, MicroTaskSchema);
}

export function writeWp(ws: Workspace, wp: WorkPacket): void {
  writeJsonAtomic(wpPath(ws, wp.wp_id), WorkPacketSchema.parse(wp), { durable: true });
}

export function writeMt(ws: Workspace, mt: MicroTask): void {
  writeJsonAtomic(mtPath(ws, mt.wp_id, mt.mt_id), MicroTaskSchema.parse(mt), { durable: true });
}
