// Pure: reads a git index file (versions 2 to 4) the way `git ls-files --stage` prints it, so a checkpoint whose
// folders did not change needs no git process. Anything unusual (split or sparse index, a bad checksum, another
// hash) returns undefined and the caller asks git itself.
import crypto from "node:crypto";
import type { StagedEntry } from "./listing.ts";

export interface IndexEntries {
  /** Every path in the index, any stage (what `ls-files --cached` lists). */
  paths: string[];
  /** Stage-0 entries. */
  staged: StagedEntry[];
}

const HEADER = 12;
const FIXED = 62; // ctime, mtime, dev, ino, mode, uid, gid, size (4 bytes each), oid (20), flags (2)
const EXTENDED = 0x4000;

function varint(buf: Buffer, at: number): { value: number; next: number } {
  let byte = buf[at++] ?? 0;
  let value = byte & 127;
  while (byte & 128) {
    byte = buf[at++] ?? 0;
    value = ((value + 1) << 7) | (byte & 127);
  }
  return { value, next: at };
}

export function parseIndex(buf: Buffer): IndexEntries | undefined {
  if (buf.length < HEADER + 20 || buf.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const body = buf.length - 20;
  const trailer = buf.subarray(body);
  // index.skipHash writes a zero trailer; anything else must be the content's checksum.
  const checked = trailer.every((byte) => byte === 0) || crypto.createHash("sha1").update(buf.subarray(0, body)).digest().equals(trailer);
  if (!checked) return undefined;
  const count = buf.readUInt32BE(8);
  const paths: string[] = [];
  const staged: StagedEntry[] = [];
  let at = HEADER;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i += 1) {
    if (at + FIXED > body) return undefined;
    const mode = buf.readUInt32BE(at + 24);
    // A sparse index keeps whole folders as one entry: only git can expand them.
    if ((mode & 0o170000) === 0o040000) return undefined;
    const oid = buf.toString("hex", at + 40, at + 60);
    const flags = buf.readUInt16BE(at + 60);
    let nameAt = at + FIXED;
    if (flags & EXTENDED) {
      if (version < 3) return undefined;
      nameAt += 2;
    }
    let name: Buffer;
    if (version === 4) {
      const strip = varint(buf, nameAt);
      const end = buf.indexOf(0, strip.next);
      if (end < 0 || end > body || strip.value > previous.length) return undefined;
      name = Buffer.concat([previous.subarray(0, previous.length - strip.value), buf.subarray(strip.next, end)]);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, nameAt);
      if (end < 0 || end > body) return undefined;
      name = buf.subarray(nameAt, end);
      at += (nameAt - at + name.length + 8) & ~7;
    }
    previous = name;
    const file = name.toString("utf8");
    paths.push(file);
    if (((flags >> 12) & 3) === 0) staged.push({ mode: mode.toString(8).padStart(6, "0"), oid, path: file });
  }
  // Extensions: a split index keeps its entries in another file.
  while (at + 8 <= body) {
    const signature = buf.toString("latin1", at, at + 4);
    if (signature === "link" || signature === "sdir") return undefined;
    at += 8 + buf.readUInt32BE(at + 4);
  }
  return { paths, staged };
}
