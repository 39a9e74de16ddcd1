// The only way objects a session wrote reach the shared store: their ids are recomputed from content. Loose
// objects are inflated and re-packed here (their file name is never trusted), session packs are fed to
// `git index-pack --stdin --fsck-objects` as bytes (their .idx, multi-pack-index, bitmaps and alternates are never
// read), and index-pack writes a new pack under ids it computed itself. Nothing in the store is followed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { HsError } from "../errors.ts";
import { neutralGitEnv } from "./neutral-env.ts";
import { runGit, runGitSync, runGitSyncBuffer } from "./run.ts";
import { HARDENED_CONFIG_ARGS } from "./hardened.ts";
import { entrySignature, importStateFile, openChildDir, openDir, privateStore, readChildFile, type SafeDir } from "./object-store.ts";

const TYPES = { commit: 1, tree: 2, blob: 3, tag: 4 } as const;
type ObjectType = keyof typeof TYPES;
const MAX_LOOSE = 256 * 1024 * 1024;
const MAX_PACK = 1024 * 1024 * 1024;

export interface LooseObject {
  type: ObjectType;
  content: Buffer;
}

/** Pure: a loose object file -> its type and content, checked against the id its name claims; null when it lies. */
export function parseLoose(file: Buffer, claimedId: string, algorithm: "sha1" | "sha256"): LooseObject | null {
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(file, { maxOutputLength: MAX_LOOSE });
  } catch {
    return null;
  }
  const nul = raw.indexOf(0);
  const match = nul > 0 ? /^(commit|tree|blob|tag) (\d+)$/.exec(raw.subarray(0, nul).toString("latin1")) : null;
  if (!match || Number(match[2]) !== raw.length - nul - 1) return null;
  if (crypto.createHash(algorithm).update(raw).digest("hex") !== claimedId) return null;
  return { type: match[1] as ObjectType, content: raw.subarray(nul + 1) };
}

/** Pure: a version-2 pack of whole (undeltified) objects. */
export function buildPack(objects: readonly LooseObject[], algorithm: "sha1" | "sha256"): Buffer {
  const header = Buffer.alloc(12);
  header.write("PACK", 0, "latin1");
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(objects.length, 8);
  const parts: Buffer[] = [header];
  for (const object of objects) {
    let size = object.content.length;
    const bytes = [(TYPES[object.type] << 4) | (size & 0x0f)];
    size = Math.floor(size / 16);
    while (size > 0) {
      bytes[bytes.length - 1]! |= 0x80;
      bytes.push(size & 0x7f);
      size = Math.floor(size / 128);
    }
    parts.push(Buffer.from(bytes), zlib.deflateSync(object.content, { level: 1 }));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, crypto.createHash(algorithm).update(body).digest()]);
}

function sharedEnv(commonDir: string): NodeJS.ProcessEnv {
  return neutralGitEnv(process.env, { GIT_DIR: commonDir, GIT_NO_REPLACE_OBJECTS: "1", GIT_OPTIONAL_LOCKS: "0" });
}

const formats = new Map<string, "sha1" | "sha256">();
export function objectFormat(commonDir: string): "sha1" | "sha256" {
  const known = formats.get(commonDir);
  if (known) return known;
  const out = runGitSync({ args: ["rev-parse", "--show-object-format"], cwd: commonDir, env: sharedEnv(commonDir) }).stdout.trim();
  const format = out === "sha256" ? "sha256" : "sha1";
  formats.set(commonDir, format);
  return format;
}

/** Ids (of those given) already in the shared store; the shared copy was verified when it arrived. */
function existingIds(commonDir: string, ids: readonly string[]): Set<string> {
  if (!ids.length) return new Set();
  const result = runGitSync({ args: [...HARDENED_CONFIG_ARGS, "cat-file", "--batch-check=%(objectname)"], cwd: commonDir, env: sharedEnv(commonDir), input: ids.join("\n") + "\n" });
  return new Set(result.stdout.split("\n").filter((line) => /^[0-9a-f]+$/.test(line)));
}

function indexPack(commonDir: string, pack: Buffer, what: string): void {
  const result = runGitSyncBuffer({ args: [...HARDENED_CONFIG_ARGS, "index-pack", "--stdin", "--fsck-objects", "--fix-thin"], cwd: commonDir, env: sharedEnv(commonDir), input: pack });
  if (result.code !== 0) {
    throw new HsError("HS-OBJECTS-UNVERIFIED", `objects from ${what} failed verification: ${result.stderr.trim().split("\n").slice(-1)[0]}`, {
      hint: "hs doctor",
      details: { stderr: result.stderr },
    });
  }
}

export interface ImportResult {
  /** Loose objects re-packed, and session packs indexed, in this call. */
  loose: number;
  packs: number;
  /** Loose files whose content does not hash to their name (or are not objects): ignored. */
  rejected: number;
  /** Nothing changed in the store since the last import. */
  unchanged: boolean;
}

interface ImportState {
  signature: string;
  packs: string[];
}

function readState(file: string): ImportState {
  try {
    const value = JSON.parse(fs.readFileSync(file, "utf8")) as ImportState;
    return { signature: String(value.signature ?? ""), packs: Array.isArray(value.packs) ? value.packs.map(String) : [] };
  } catch {
    return { signature: "", packs: [] };
  }
}

function writeState(file: string, state: ImportState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state));
  fs.renameSync(temp, file);
}

function importLoose(commonDir: string, store: SafeDir, dirs: string[], algorithm: "sha1" | "sha256"): { loose: number; rejected: number } {
  const idLength = algorithm === "sha1" ? 40 : 64;
  const candidates: Array<{ dir: string; name: string; id: string }> = [];
  for (const dir of dirs) {
    const sub = openChildDir(store, dir);
    if (!sub) continue;
    try {
      for (const name of fs.readdirSync(sub.via)) if (new RegExp(`^[0-9a-f]{${idLength - 2}}$`).test(name)) candidates.push({ dir, name, id: dir + name });
    } finally {
      sub.close();
    }
  }
  const have = existingIds(commonDir, candidates.map((candidate) => candidate.id));
  const objects: LooseObject[] = [];
  let rejected = 0;
  const byDir = new Map<string, typeof candidates>();
  for (const candidate of candidates.filter((c) => !have.has(c.id))) byDir.set(candidate.dir, [...(byDir.get(candidate.dir) ?? []), candidate]);
  for (const [dir, group] of byDir) {
    const sub = openChildDir(store, dir);
    try {
      for (const candidate of group) {
        const bytes = sub ? readChildFile(sub, candidate.name, MAX_LOOSE) : null;
        const object = bytes ? parseLoose(bytes, candidate.id, algorithm) : null;
        if (object) objects.push(object);
        else rejected += 1;
      }
    } finally {
      sub?.close();
    }
  }
  if (objects.length) indexPack(commonDir, buildPack(objects, algorithm), "loose objects");
  return { loose: objects.length, rejected };
}

/**
 * Brings a session's objects into the shared store, verified by content. Cheap when nothing changed (one lstat per
 * store folder). Throws HS-OBJECTS-UNVERIFIED when index-pack rejects a pack (malformed or failing fsck).
 */
export function importSessionObjects(commonDir: string, sessionId: string): ImportResult {
  const store = openDir(privateStore(commonDir, sessionId));
  if (!store) return { loose: 0, packs: 0, rejected: 0, unchanged: true };
  try {
    const names = fs.readdirSync(store.via).sort();
    const dirs = names.filter((name) => /^[0-9a-f]{2}$/.test(name));
    const stateFile = importStateFile(commonDir, sessionId);
    const state = readState(stateFile);
    const signature = entrySignature(store, [...dirs, ...(names.includes("pack") ? ["pack"] : [])]);
    if (signature === state.signature) return { loose: 0, packs: 0, rejected: 0, unchanged: true };
    // Asked only when there is something to import: a git process per call is most of an unchanged store's cost.
    const algorithm = objectFormat(commonDir);
    const { loose, rejected } = importLoose(commonDir, store, dirs, algorithm);
    const done = new Set(state.packs);
    let packs = 0;
    const packDir = names.includes("pack") ? openChildDir(store, "pack") : null;
    try {
      for (const name of packDir ? fs.readdirSync(packDir.via).filter((n) => n.endsWith(".pack")).sort() : []) {
        const key = entrySignature(packDir!, [name]);
        if (done.has(key)) continue;
        const bytes = readChildFile(packDir!, name, MAX_PACK);
        if (!bytes) continue;
        indexPack(commonDir, bytes, `session ${sessionId} pack ${name}`);
        done.add(key);
        packs += 1;
      }
    } finally {
      packDir?.close();
    }
    writeState(stateFile, { signature, packs: [...done] });
    return { loose, packs, rejected, unchanged: false };
  } finally {
    store.close();
  }
}

/**
 * Proves that everything `heads` need (commits, trees, blobs) is in the shared store, walking only what `known`
 * does not already cover. Throws HS-OBJECTS-UNVERIFIED naming the first missing object.
 */
export function requireObjects(commonDir: string, heads: readonly string[], known: readonly string[], sessionId: string): void {
  if (!heads.length) return;
  const args = [...HARDENED_CONFIG_ARGS, "rev-list", "--objects", "--missing=print", ...heads, "--not", ...known, "--"];
  const result = runGitSync({ args, cwd: commonDir, env: sharedEnv(commonDir) });
  const missing = result.stdout.split("\n").find((line) => line.startsWith("?"));
  if (result.code !== 0 || missing) {
    const what = missing ? `object ${missing.slice(1, 13)} is missing` : result.stderr.trim().split("\n")[0];
    throw new HsError("HS-OBJECTS-UNVERIFIED", `session '${sessionId}': ${what} after content verification; its history cannot be used`, {
      hint: `hs session show ${sessionId}   # objects whose content does not match their id were dropped; the session must recommit`,
      details: { heads, missing: missing?.slice(1) ?? null, stderr: result.stderr },
    });
  }
}

/** What a head changed against a base, read from the shared store: the paths, and the blob ids the new tree names. */
export interface HeadTreeDiff {
  paths: string[];
  blobs: string[];
  /** diff-tree's first stderr line when it failed (a tree it needed is missing), else null. */
  error: string | null;
}

/** Pure: `diff-tree -r -z --no-abbrev` output -> changed paths and the (non-null) blob ids on the new side. */
export function parseTreeDiff(stdout: string): { paths: string[]; blobs: string[] } {
  const fields = stdout.split("\0");
  const paths: string[] = [];
  const blobs: string[] = [];
  for (let at = 0; at < fields.length; at += 1) {
    const meta = fields[at]!;
    if (!meta.startsWith(":")) continue;
    const path = fields[at + 1];
    if (path !== undefined) paths.push(path);
    const oid = meta.split(" ")[3] ?? "";
    if (/^[0-9a-f]+$/.test(oid) && !/^0+$/.test(oid)) blobs.push(oid);
    at += 1;
  }
  return { paths, blobs };
}

/**
 * An index file that does not exist: diff-tree reads the index before it starts, although tree-to-tree raw output
 * never uses it, and on a 50k-file checkout that read costs more than the diff.
 */
export function noIndexFile(commonDir: string): string {
  return path.join(commonDir, "hs-no-index", "index");
}

/** diff-tree reads every tree that differs between base and head, so it fails when one of them is missing. */
export async function headTreeDiff(commonDir: string, base: string, head: string): Promise<HeadTreeDiff> {
  const args = [...HARDENED_CONFIG_ARGS, "diff-tree", "-r", "-z", "--no-renames", "--no-abbrev", base, head];
  const result = await runGit({ args, cwd: commonDir, env: { ...sharedEnv(commonDir), GIT_INDEX_FILE: noIndexFile(commonDir) } });
  return { ...parseTreeDiff(result.stdout), error: result.code === 0 ? null : result.stderr.trim().split("\n")[0] ?? `exit ${result.code}` };
}

/** Of the ids given, those not in the shared store: one cat-file for any number of sessions. */
export function missingObjects(commonDir: string, ids: readonly string[]): Set<string> {
  const present = existingIds(commonDir, [...new Set(ids)]);
  return new Set(ids.filter((id) => !present.has(id)));
}

export function unverifiedHeadError(sessionId: string, head: string, why: { missing: string | null; error: string | null }): HsError {
  return new HsError("HS-OBJECTS-UNVERIFIED", `session '${sessionId}': ${why.missing ? `object ${why.missing.slice(0, 12)} is missing` : why.error} after content verification`, {
    hint: `hs session show ${sessionId}`,
    details: { head, missing: why.missing },
  });
}

/**
 * A cheaper proof for reads that only need `head`'s tree (the radar's diffs and merge-trees): diff-tree from `base`
 * reads every tree that differs (failing on a missing one), and every blob it names must be in the shared store.
 */
export async function requireHeadTree(commonDir: string, base: string, head: string, sessionId: string): Promise<HeadTreeDiff> {
  const diff = await headTreeDiff(commonDir, base, head);
  const absent = diff.error ? new Set<string>() : missingObjects(commonDir, diff.blobs);
  const missing = diff.blobs.find((oid) => absent.has(oid)) ?? null;
  if (diff.error || missing) throw unverifiedHeadError(sessionId, head, { missing, error: diff.error });
  return diff;
}
