// Content-addressed artifacts (.handshake/artifacts/sha256/<hash>): commit messages, job output. The name is the
// sha256 of the bytes, so the Flight Recorder references it by hash and a reader can check what it got.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "./workspace.ts";

export interface StoredContent {
  sha256: string;
  /** Relative to .handshake/ (no machine path in events). */
  artifact: string;
  bytes: number;
}

export function storeContent(ws: Workspace, data: Buffer | string): StoredContent {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const artifact = path.join("artifacts", "sha256", sha256);
  const file = path.join(ws.loc.handshakeDir, artifact);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const staging = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(staging, bytes, { mode: 0o644 });
    fs.renameSync(staging, file);
  }
  return { sha256, artifact, bytes: bytes.length };
}

export function contentPath(ws: Workspace, artifact: string): string {
  return path.join(ws.loc.handshakeDir, artifact);
}
