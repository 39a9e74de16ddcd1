// A workspace.json that passed validation, remembered under a key of its exact bytes and the hs build that checked
// it: the next command with the same file and build skips loading the schema (zod is most of a cold start's code).
// Any edit, or another build, misses and validates again, so an invalid file still fails closed. The cache lives
// under .handshake/, which sandboxed sessions cannot see. Source runs (tests) have no build id and never cache.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writeJsonAtomic } from "./atomic-write.ts";
import { configPath } from "./config-values.ts";
import type { WorkspaceConfig } from "./config.ts";

declare const __HS_BUILD_ID__: string | undefined;
const BUILD_ID = typeof __HS_BUILD_ID__ === "string" ? __HS_BUILD_ID__ : null;

export function configCacheFile(handshakeDir: string): string {
  return path.join(handshakeDir, "cache", "workspace-config.json");
}

function cacheKey(text: string, build: string): string {
  return crypto.createHash("sha256").update(build).update("\0").update(text).digest("hex");
}

/** The config validated earlier from exactly `text` by this build, or null. */
export function rememberedConfig(handshakeDir: string, text: string, build: string | null = BUILD_ID): WorkspaceConfig | null {
  if (!build) return null;
  try {
    const entry = JSON.parse(fs.readFileSync(configCacheFile(handshakeDir), "utf8")) as { key?: unknown; config?: unknown };
    return entry.key === cacheKey(text, build) && entry.config && typeof entry.config === "object" ? (entry.config as WorkspaceConfig) : null;
  } catch {
    return null;
  }
}

export function rememberConfig(handshakeDir: string, text: string, config: WorkspaceConfig, build: string | null = BUILD_ID): void {
  if (!build) return;
  try {
    writeJsonAtomic(configCacheFile(handshakeDir), { key: cacheKey(text, build), config });
  } catch {
    // A cache that cannot be written only costs the next command a validation.
  }
}

/** workspace.json's text, or null when it cannot be read (the validating loader reports why). */
export function readConfigText(handshakeDir: string): string | null {
  try {
    return fs.readFileSync(configPath(handshakeDir), "utf8");
  } catch {
    return null;
  }
}
