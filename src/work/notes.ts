// Append-only WorkNotes of a work packet, one sidecar file each: .handshake/gov/work_packets/<wp_id>/notes/<note_id>.json.
// A note is never rewritten; a correction is a new note.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Workspace } from "../registry/workspace.ts";
import { writeJsonAtomic } from "../registry/atomic-write.ts";
import { wpNotesDir } from "./store.ts";

export const NOTE_TYPES = [
  "user",
  "system",
  "gate",
  "mt_executor",
  "plan",
  "blocker",
  "handoff",
  "review",
  "decision",
] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const WorkNoteSchema = z.strictObject({
  note_id: z.string().describe("note_<time>_<random>: sorts by creation"),
  wp_id: z.string(),
  author: z.string().describe("actor label"),
  note_type: z.enum(NOTE_TYPES),
  summary: z.string().describe("one line"),
  content: z.string().nullable(),
  content_format: z.enum(["markdown", "json", "plain_text"]),
  created_at: z.string(),
});
export type WorkNote = z.infer<typeof WorkNoteSchema>;

export function newNote(wpId: string, author: string, type: NoteType, text: string, now: string): WorkNote {
  const id = `note_${now.replace(/[-:.TZ]/g, "")}_${crypto.randomBytes(3).toString("hex")}`;
  const [summary = "", ...rest] = text.trim().split("\n");
  return {
    note_id: id,
    wp_id: wpId,
    author,
    note_type: type,
    summary,
    content: rest.length ? text : null,
    content_format: "markdown",
    created_at: now,
  };
}

export function appendNote(ws: Workspace, note: WorkNote): void {
  const file = path.join(wpNotesDir(ws, note.wp_id), `${note.note_id}.json`);
  if (fs.existsSync(file)) throw new Error(`note ${note.note_id} exists already; notes are never rewritten`);
  writeJsonAtomic(file, WorkNoteSchema.parse(note), { durable: true });
}

/** Readable notes, oldest first; a file that does not parse is skipped here and shown by its name only. */
export function listNotes(ws: Workspace, wpId: string): Array<WorkNote | { note_id: string; unreadable: true }> {
  const dir = wpNotesDir(ws, wpId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      try {
        return WorkNoteSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")));
      } catch {
        return { note_id: name.replace(/\.json$/, ""), unreadable: true as const };
      }
    });
}
