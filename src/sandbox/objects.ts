// The session's private object store. Inside the sandbox it is mounted over <common>/objects, so every object git
// writes lands there, while the shared objects are read-only through its alternates. The main repository never
// lists a store as an alternate: the host reads session objects only after importing them by content
// (src/git/object-import.ts). See README "Object stores".
import fs from "node:fs";
import path from "node:path";
import type { ObjectsLayout } from "./profile.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";
import { importSessionObjects, type ImportResult } from "../git/object-import.ts";
import { importStateFile, privateStore, SHARED_VIEW, storesRoot } from "../git/object-store.ts";

export { STORES_DIR, storesRoot, privateStore } from "../git/object-store.ts";

function alternatesFile(commonDir: string): string {
  return path.join(commonDir, "objects", "info", "alternates");
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "");
  } catch {
    return [];
  }
}

function withLock<T>(file: string, fn: () => T): T {
  const lock = `${file}.hs-lock`;
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function writeAtomic(file: string, lines: string[]): void {
  writeFileAtomic(file, lines.length ? lines.join("\n") + "\n" : "");
}

const isStoreLine = (commonDir: string, line: string) => {
  const root = storesRoot(commonDir);
  const resolved = path.resolve(path.join(commonDir, "objects"), line.trim());
  return resolved === root || resolved.startsWith(`${root}/`);
};

/** Alternates lines of the main repository that name a session store (written by hs before 0.x; never now). */
export function storeAlternates(commonDir: string): string[] {
  return readLines(alternatesFile(commonDir)).filter((line) => isStoreLine(commonDir, line));
}

/** Removes every session store from the main repository's alternates (older hs registered them). */
export function dropStoreAlternates(commonDir: string): number {
  const file = alternatesFile(commonDir);
  if (!fs.existsSync(file)) return 0;
  return withLock(file, () => {
    const current = readLines(file);
    const kept = current.filter((line) => !isStoreLine(commonDir, line));
    if (kept.length !== current.length) writeAtomic(file, kept);
    return current.length - kept.length;
  });
}

/** Creates the store and writes the sandbox's view of the shared alternates (the operator's, never a store). */
export function prepareObjectStore(commonDir: string, sessionId: string, sessionDir: string): ObjectsLayout {
  const root = storesRoot(commonDir);
  const store = privateStore(commonDir, sessionId);
  const sharedView = path.join(root, SHARED_VIEW);
  for (const dir of [path.join(store, "info"), path.join(store, "pack"), sharedView]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(store, "info", "alternates"), `${sharedView}\n`);
  dropStoreAlternates(commonDir);
  // Only when the repository has alternates of its own: bwrap can bind over an existing file only.
  if (!fs.existsSync(alternatesFile(commonDir))) return { privateDir: store, sharedView, sanitizedAlternates: null, storesRoot: root };
  const sanitized = path.join(sessionDir, "alternates.sandbox");
  fs.mkdirSync(sessionDir, { recursive: true });
  writeAtomic(sanitized, readLines(alternatesFile(commonDir)).filter((line) => !isStoreLine(commonDir, line)));
  return { privateDir: store, sharedView, sanitizedAlternates: sanitized, storesRoot: root };
}

/**
 * At close: a last verified import of the session's objects, then the store is deleted (rmSync removes symlinks,
 * it does not follow them), so the session's branches and backup refs rest on the shared store alone.
 */
export function absorbSessionObjects(commonDir: string, sessionId: string): ImportResult {
  const result = importSessionObjects(commonDir, sessionId);
  dropStoreAlternates(commonDir);
  fs.rmSync(privateStore(commonDir, sessionId), { recursive: true, force: true });
  fs.rmSync(importStateFile(commonDir, sessionId), { force: true });
  return result;
}
