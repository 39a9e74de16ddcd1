// Content-addressed payloads (handoff summaries, anchor notes, records events refer to) in
// .handshake/artifacts/.cas/<sha256>; the handle is `sha256:<hex>`. The dot keeps them apart from merge-back artifacts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";
import { HsError } from "../errors.ts";

const casDir = (ws: Workspace) => path.join(ws.loc.handshakeDir, "artifacts", ".cas");

export function putBlob(ws: Workspace, data: string | Buffer): string {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const hex = crypto.createHash("sha256").update(bytes).digest("hex");
  const file = path.join(casDir(ws), hex);
  if (!fs.existsSync(file)) writeFileAtomic(file, bytes);
  return `sha256:${hex}`;
}

export function getBlob(ws: Workspace, ref: string): Buffer {
  const hex = /^sha256:([0-9a-f]{64})$/.exec(ref)?.[1];
  const file = hex ? path.join(casDir(ws), hex) : "";
  if (!hex || !fs.existsSync(file))
    throw new HsError("HS-ARTIFACT-NOT-FOUND", `no stored payload ${ref}`, { hint: "hs doctor" });
  const bytes = fs.readFileSync(file);
  if (crypto.createHash("sha256").update(bytes).digest("hex") !== hex) {
    throw new HsError("HS-ARTIFACT-INVALID", `stored payload ${ref} does not match its hash`, { hint: "hs doctor" });
  }
  return bytes;
}

export function putJsonBlob(ws: Workspace, value: unknown): string {
  return putBlob(ws, JSON.stringify(value));
}

export function getJsonBlob<T>(ws: Workspace, ref: string): T {
  return JSON.parse(getBlob(ws, ref).toString("utf8")) as T;
}
