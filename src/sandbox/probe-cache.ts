// A sandbox capability probe (bwrap's namespaces, the home overlay) that succeeded is remembered for this boot, this
// user, these binaries and these kernel knobs, so each session start does not pay a throw-away sandbox first. Only
// success is remembered; anything that could change the answer changes the key. The real sandbox start still fails
// closed on its own. The file lives under .handshake/cache/, which sandboxed sessions cannot see.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../registry/atomic-write.ts";

const KNOBS = [
  "/proc/sys/kernel/random/boot_id",
  "/proc/sys/user/max_user_namespaces",
  "/proc/sys/user/max_mnt_namespaces",
  "/proc/sys/kernel/unprivileged_userns_clone",
  "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
];

/** Where a program named like `bwrap` resolves on PATH, with its identity (a replaced binary is a new key). */
function programIdentity(name: string, env: NodeJS.ProcessEnv): string {
  const candidates = name.includes("/") ? [name] : (env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  for (const file of candidates) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) return `${file}:${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.mode}`;
  }
  return `${name}:missing`;
}

function readKnob(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return "-";
  }
}

/** The key of one probe: what it ran (programs and arguments) and everything about the machine that decides it. */
export function probeKey(what: string, programs: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const parts = [what, os.release(), String(process.getuid?.() ?? -1), String(process.getgid?.() ?? -1), ...KNOBS.map(readKnob), ...programs.map((name) => programIdentity(name, env))];
  return crypto.createHash("sha256").update(parts.join("\0")).digest("hex");
}

function cacheFile(cacheDir: string): string {
  return path.join(cacheDir, "sandbox-probes.json");
}

export function probeRemembered(cacheDir: string | undefined, key: string): boolean {
  if (!cacheDir) return false;
  try {
    const keys = JSON.parse(fs.readFileSync(cacheFile(cacheDir), "utf8")) as unknown;
    return Array.isArray(keys) && keys.includes(key);
  } catch {
    return false;
  }
}

export function rememberProbe(cacheDir: string | undefined, key: string): void {
  if (!cacheDir) return;
  try {
    let keys: unknown = [];
    try {
      keys = JSON.parse(fs.readFileSync(cacheFile(cacheDir), "utf8"));
    } catch {
      // first entry
    }
    const kept = Array.isArray(keys) ? keys.filter((entry): entry is string => typeof entry === "string" && entry !== key).slice(-7) : [];
    writeFileAtomic(cacheFile(cacheDir), JSON.stringify([...kept, key]) + "\n");
  } catch {
    // A cache that cannot be written only means the next start probes again.
  }
}
