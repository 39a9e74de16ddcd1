// The zod-free half of workspace.json: defaults and the values derived from a validated config. Hot paths
// (session start, merge-back) import these without loading the schema (src/registry/config.ts).
import path from "node:path";
import type { SessionLimits, WorkspaceConfig } from "./config.ts";

export const CONFIG_SCHEMA_VERSION = "hs.workspace@1";

export const DEFAULT_LIMITS: SessionLimits = { socket_requests_per_minute: 600, socket_bytes_per_minute: 4 * 1024 * 1024, processes: 1024, memory_mb: 8192 };

export function sessionLimits(config: { limits?: SessionLimits }): SessionLimits {
  return config.limits ?? DEFAULT_LIMITS;
}

export const DEFAULT_CHECKPOINTS = { enabled: true, debounce_ms: 2000, min_interval_seconds: 10, keep_after_close: 20 } as const;

export function checkpointSettings(config: WorkspaceConfig): NonNullable<WorkspaceConfig["checkpoints"]> {
  return config.checkpoints ?? { ...DEFAULT_CHECKPOINTS };
}

export const DEFAULT_GOVERNANCE_PATHS = [".handshake/gov/**", ".GOV/**"];

export function configPath(handshakeDir: string): string {
  return path.join(handshakeDir, "workspace.json");
}

export function worktreesRoot(mainRoot: string, config: WorkspaceConfig): string {
  return path.resolve(mainRoot, config.worktrees_dir);
}
