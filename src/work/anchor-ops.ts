// Objective anchors: "what we are doing", before and beside the work packets. Operator verbs; notes are
// append-only (a correction is a new note); linking to a WP never changes the WP's status.
import crypto from "node:crypto";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { frActor, type Actor } from "../ops/actor.ts";
import { immediate } from "../registry/sqlite.ts";
import { checkAnchorId, nextId } from "./ids.ts";
import { putBlob, putJsonBlob } from "./blobs.ts";
import { getMt, getWp } from "./index-db.ts";
import {
  applyAnchorCreated,
  applyAnchorLink,
  applyAnchorNote,
  findAnchor,
  listAnchors,
  type AnchorNote,
  type AnchorRecord,
  type AnchorView,
  type LinkKind,
} from "./anchor-store.ts";
import { nowIso, recordWork } from "./record.ts";

function getAnchor(ws: Workspace, id: string): AnchorView {
  const anchor = findAnchor(ws, id);
  if (!anchor) throw new HsError("HS-ANCHOR-NOT-FOUND", `no anchor '${id}'`, { hint: "hs anchor list" });
  return anchor;
}

export function createAnchor(
  ws: Workspace,
  actor: Actor,
  input: { id?: string; title: string; description?: string; criteria?: string[]; wp?: string },
): AnchorView {
  authorize(ws, actor, "anchor create", { who: "operator" });
  if (!input.title.trim())
    throw new HsError("HS-USAGE", "an anchor needs a --title", {
      hint: "hs anchor create --title 'Checkout works for empty carts'",
    });
  if (input.wp) getWp(ws, input.wp);
  const record = immediate(ws.db, () => {
    const id =
      input.id === undefined
        ? nextId(
            "AN",
            listAnchors(ws).map((anchor) => anchor.anchor_id),
          )
        : checkAnchorId(input.id);
    if (findAnchor(ws, id))
      throw new HsError("HS-WORK-EXISTS", `anchor '${id}' already exists`, { hint: `hs anchor show ${id}` });
    const created: AnchorRecord = {
      anchor_id: id,
      project_id: ws.config.project_id,
      title: input.title.trim(),
      status: input.wp ? "in_progress" : "stub",
      description_ref: input.description ? putBlob(ws, input.description) : null,
      acceptance_criteria: input.criteria ?? [],
      linked_wp_id: input.wp ?? null,
      created_at: nowIso(),
    };
    applyAnchorCreated(ws, created);
    return created;
  });
  recordWork(
    ws,
    actor,
    "anchor.created",
    { wp: record.linked_wp_id },
    {
      anchor_id: record.anchor_id,
      record_ref: putJsonBlob(ws, record),
      title: record.title,
      linked_wp_id: record.linked_wp_id,
    },
  );
  return getAnchor(ws, record.anchor_id);
}

export function linkAnchor(
  ws: Workspace,
  actor: Actor,
  input: { id: string; kind: LinkKind; target: string },
): AnchorView {
  authorize(ws, actor, `anchor link ${input.id}`, { who: "operator" });
  const anchor = getAnchor(ws, input.id);
  if (input.kind === "wp") {
    getWp(ws, input.target);
    if (anchor.linked_wp_id && anchor.linked_wp_id !== input.target) {
      throw new HsError("HS-USAGE", `${input.id} is already linked to ${anchor.linked_wp_id}`, {
        hint: `hs anchor create --title '${anchor.title}' --wp ${input.target}`,
      });
    }
  }
  if (input.kind === "mt") getMt(ws, input.target);
  if (input.kind === "depends_on_anchor") getAnchor(ws, input.target);
  if (input.kind === "depends_on_wp") getWp(ws, input.target);
  const at = nowIso();
  immediate(ws.db, () => applyAnchorLink(ws, input.id, input.kind, input.target, at));
  recordWork(
    ws,
    actor,
    "anchor.linked",
    { wp: input.kind === "wp" ? input.target : anchor.linked_wp_id, mt: input.kind === "mt" ? input.target : null },
    { anchor_id: input.id, kind: input.kind, target: input.target, at },
  );
  return getAnchor(ws, input.id);
}

export function noteAnchor(ws: Workspace, actor: Actor, input: { id: string; text: string }): AnchorNote {
  authorize(ws, actor, `anchor note ${input.id}`, { who: "operator" });
  const anchor = getAnchor(ws, input.id);
  if (!input.text.trim())
    throw new HsError("HS-USAGE", "a note needs text", {
      hint: `hs anchor note ${input.id} --text 'what changed and why'`,
    });
  const note: AnchorNote = {
    note_id: crypto.randomUUID(),
    anchor_id: input.id,
    ts: nowIso(),
    author: frActor(actor) === "agent" ? "agent" : "human",
    note_ref: putBlob(ws, input.text),
  };
  immediate(ws.db, () => applyAnchorNote(ws, note));
  recordWork(ws, actor, "anchor.noted", { wp: anchor.linked_wp_id }, { ...note });
  return note;
}
