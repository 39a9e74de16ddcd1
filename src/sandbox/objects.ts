// The session's private object store. Inside the sandbox it is mounted over <common>/objects, so every
// object git writes lands there, while the shared objects are read-only through its alternates. On the
// host the common objects/info/alternates lists each store, so host-side git (merge-back, the operator)
// sees session commits with no copying and no environment variables. See docs in README "sandbox".
import fs from "node:fs";
import path from "node:path";
import type { ObjectsLayout } from "./profile.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";

export const STORES_DIR = "hs-objects";
const SHARED_VIEW = ".shared";

export function storesRoot(commonDir: string): string {
  return path.join(commonDir, STORES_DIR);
}

export function privateStore(commonDir: string, sessionId: string): string {
  return path.join(storesRoot(commonDir), sessionId);
}

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

/** Creates the store, registers it for host-side git and writes the sandbox's view of the shared alternates. */
export function prepareObjectStore(commonDir: string, sessionId: string, sessionDir: string): ObjectsLayout {
  const root = storesRoot(commonDir);
  const store = privateStore(commonDir, sessionId);
  const sharedView = path.join(root, SHARED_VIEW);
  for (const dir of [path.join(store, "info"), path.join(store, "pack"), sharedView, path.join(commonDir, "objects", "info")]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(store, "info", "alternates"), `${sharedView}\n`);
  const file = alternatesFile(commonDir);
  const lines = withLock(file, () => {
    const current = readLines(file);
    if (!current.includes(store)) writeAtomic(file, [...current, store]);
    return readLines(file);
  });
  const sanitized = path.join(sessionDir, "alternates.sandbox");
  fs.mkdirSync(sessionDir, { recursive: true });
  writeAtomic(sanitized, lines.filter((line) => !path.resolve(path.join(commonDir, "objects"), line).startsWith(`${root}/`)));
  return { privateDir: store, sharedView, sanitizedAlternates: sanitized, storesRoot: root };
}

/**
 * Copies the session's objects into the shared store and unregisters the private one, so the session's
 * branches stay valid after the store is deleted. Objects are immutable: an existing file is kept.
 */
export function absorbSessionObjects(commonDir: string, sessionId: string): { copied: number } {
  const store = privateStore(commonDir, sessionId);
  const shared = path.join(commonDir, "objects");
  let copied = 0;
  if (fs.existsSync(store)) {
    for (const entry of fs.readdirSync(store)) {
      if (!/^[0-9a-f]{2}$/.test(entry) && entry !== "pack") continue;
      const from = path.join(store, entry);
      const to = path.join(shared, entry);
      fs.mkdirSync(to, { recursive: true });
      const files = fs.readdirSync(from).sort((a, b) => Number(a.endsWith(".idx")) - Number(b.endsWith(".idx")));
      for (const name of files) {
        if (fs.existsSync(path.join(to, name))) continue;
        fs.copyFileSync(path.join(from, name), path.join(to, `${name}.hs-tmp`));
        fs.renameSync(path.join(to, `${name}.hs-tmp`), path.join(to, name));
        copied += 1;
      }
    }
  }
  const file = alternatesFile(commonDir);
  withLock(file, () => {
    const current = readLines(file);
    if (current.includes(store)) writeAtomic(file, current.filter((line) => line !== store));
  });
  return { copied };
}
