// Git objects computed and written by the host itself: ids come from content hashed here, never from a
// session's claim, and no git process (with its filters, config or hooks) is involved.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export type ObjectType = "blob" | "tree" | "commit";

export function objectId(type: ObjectType, content: Buffer): string {
  return crypto.createHash("sha1").update(`${type} ${content.length}\0`).update(content).digest("hex");
}

/** Writes a loose object (atomically: temp file + rename) unless it is already there; returns its id. */
export function writeObject(objectsDir: string, type: ObjectType, content: Buffer): string {
  const oid = objectId(type, content);
  const dir = path.join(objectsDir, oid.slice(0, 2));
  const file = path.join(dir, oid.slice(2));
  if (fs.existsSync(file)) return oid;
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.hs-tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  const header = Buffer.from(`${type} ${content.length}\0`);
  fs.writeFileSync(temp, zlib.deflateSync(Buffer.concat([header, content]), { level: 1 }), { mode: 0o444 });
  fs.renameSync(temp, file);
  return oid;
}

/** Reads a loose object and checks that its content hashes to its name; undefined when absent or forged. */
export function readVerifiedLoose(objectsDir: string, oid: string): { type: string; content: Buffer } | undefined {
  const file = path.join(objectsDir, oid.slice(0, 2), oid.slice(2));
  let raw: Buffer;
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      raw = zlib.inflateSync(fs.readFileSync(fd));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const nul = raw.indexOf(0);
  const [type = "", size] = raw.subarray(0, nul).toString("latin1").split(" ");
  const content = raw.subarray(nul + 1);
  if (Number(size) !== content.length || objectId(type as ObjectType, content) !== oid) return undefined;
  return { type, content };
}
