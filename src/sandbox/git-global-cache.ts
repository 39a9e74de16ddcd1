// The operator's global git config as `git config --global --includes --list -z` printed it, remembered under the
// identity of what git read: HOME and XDG_CONFIG_HOME, the two files --global means, and the git binary. A session
// start then runs no git for an unchanged config; any edit, a new file or another git misses and asks git again.
// A listing with include directives is never remembered (the included files are not in the key). The file lives
// under .handshake/cache/, which sandboxed sessions cannot see; the listing is sanitized on every use.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gitBinary } from "../git/run.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";

export interface GlobalListing {
  code: number;
  stdout: string;
}

function identity(file: string): string {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stat) return `${file}:missing`;
  return [file, stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs, stat.mode].join(":");
}

/** The files git reads for --global, as it finds them from this environment. */
export function globalConfigFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? "";
  const xdg = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : path.join(home, ".config");
  return [path.join(home, ".gitconfig"), path.join(xdg, "git", "config")];
}

export function globalListingKey(env: NodeJS.ProcessEnv): string {
  const files = [...globalConfigFiles(env), gitBinary()].map(identity);
  const parts = [env.HOME ?? "-", env.XDG_CONFIG_HOME ?? "-", ...files];
  return crypto.createHash("sha256").update(parts.join("\0")).digest("hex");
}

/** Only a plain answer (a listing, or no global config at all) without include directives is remembered. */
export function rememberable(listing: GlobalListing): boolean {
  if (listing.code === 1) return true;
  if (listing.code !== 0) return false;
  return !listing.stdout.split("\0").some((record) => /^include(if)?\./i.test(record));
}

const cacheFile = (cacheDir: string) => path.join(cacheDir, "git-global.json");

export function rememberedListing(cacheDir: string | undefined, key: string): GlobalListing | null {
  if (!cacheDir) return null;
  try {
    const entry = JSON.parse(fs.readFileSync(cacheFile(cacheDir), "utf8")) as Record<string, unknown>;
    if (entry.key !== key || typeof entry.code !== "number" || typeof entry.stdout !== "string") return null;
    return { code: entry.code, stdout: entry.stdout };
  } catch {
    return null;
  }
}

export function rememberListing(cacheDir: string | undefined, key: string, listing: GlobalListing): void {
  if (!cacheDir || !rememberable(listing)) return;
  try {
    writeFileAtomic(cacheFile(cacheDir), JSON.stringify({ key, code: listing.code, stdout: listing.stdout }) + "\n");
  } catch {
    // A cache that cannot be written only means the next start asks git again.
  }
}
