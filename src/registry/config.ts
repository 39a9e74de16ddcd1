// .handshake/workspace.json: the policy file. Parsed strictly; an invalid file fails closed and is never
// replaced by defaults. Paths are stored repo-relative so the file holds no machine paths.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { HsError } from "../errors.ts";
import { validateScopeGlob } from "../scope/index.ts";
import { writeJsonAtomic } from "./atomic-write.ts";

export const CONFIG_SCHEMA_VERSION = "hs.workspace@1";

const ruleDecision = z.enum(["ask", "deny"]);

export const limitsSchema = z
  .object({
    socket_requests_per_minute: z.int().min(1).max(100_000).describe("host-socket requests a session may make per minute (bursts up to this many)"),
    socket_bytes_per_minute: z.int().min(4096).max(1024 ** 3).describe("bytes of host-socket requests a session may send per minute"),
    processes: z.int().min(16).max(1_000_000).nullable().describe("processes and threads a session may have at once; null = no cap"),
    memory_mb: z.int().min(64).max(1_048_576).nullable().describe("memory a session may use, in MiB; null = no cap"),
  })
  .strict();

export type SessionLimits = z.infer<typeof limitsSchema>;

export const DEFAULT_LIMITS: SessionLimits = { socket_requests_per_minute: 600, socket_bytes_per_minute: 4 * 1024 * 1024, processes: 1024, memory_mb: 8192 };

export function sessionLimits(config: { limits?: SessionLimits }): SessionLimits {
  return config.limits ?? DEFAULT_LIMITS;
}

/** `{"test": ["npm", "test"]}`: a name and the exact argv (no shell), run in the session's sandbox. */
export const recipesSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "a recipe name is 1-32 of [a-z0-9_-], starting with a letter"),
  z.array(z.string().min(1).max(4096)).min(1).max(256).describe("argv: the program and its arguments, no shell"),
);

export const workspaceConfigSchema = z
  .object({
    schema_version: z.literal(CONFIG_SCHEMA_VERSION).describe("schema of this file; hs refuses files it does not know"),
    workspace_id: z.uuid().describe("stable id of this workspace, used in every Flight Recorder event"),
    project_id: z.uuid().describe("stable id of the project (one per repository)"),
    created_at: z.iso.datetime().describe("when hs init created this file"),
    worktrees_dir: z.string().min(1).describe("where session worktrees go, relative to the main worktree root"),
    governance_paths: z.array(z.string().min(1)).describe("globs no session may change (committed governance artifacts)"),
    protected_branches: z.array(z.string().min(1)).describe("branches only the operator may move"),
    spawn: z
      .object({
        max_depth: z.int().min(0).max(16).describe("deepest allowed spawn depth (root session = 0)"),
        max_active_children: z.int().min(0).max(64).describe("active children one session may have"),
      })
      .strict(),
    approvals: z
      .object({
        timeout_seconds: z.int().min(1).describe("how long a request stays open for the operator's decision"),
        wait_seconds: z
          .int()
          .min(1)
          .max(86_400)
          .optional()
          .describe("how long a gated command waits before it exits 77, leaving the request pending (default 90)"),
        workspace_ttl_seconds: z.int().min(1).describe("default lifetime of a workspace-wide grant"),
        job_ttl_seconds: z.int().min(1).nullable().describe("default lifetime of a job grant; null = until the session ends"),
      })
      .strict(),
    sandbox: z
      .object({
        required: z.boolean().describe("refuse to run sessions without bubblewrap (no global off switch: per-session waivers only)"),
        home_hidden: z
          .array(z.string().min(1))
          .default([])
          .describe("files or folders under $HOME (relative, e.g. .ssh) that sessions cannot read; everything else in the home is readable"),
      })
      .strict(),
    watcher: z.object({ ignore: z.array(z.string()).describe("globs the file watcher ignores") }).strict(),
    command_rules: z.record(z.string(), ruleDecision).describe("per-rule overrides; may only make a rule stricter"),
    merge_back: z.object({ require_approval: z.boolean().describe("merge-back --apply also needs a gate approval") }).strict(),
    checkpoints: z
      .object({
        enabled: z.boolean().describe("write checkpoints of session worktrees (before gated commands, after bursts of writes, at pause/cancel)"),
        debounce_ms: z.int().min(100).max(600_000).describe("quiet time after the last file write before a burst checkpoint"),
        min_interval_seconds: z.int().min(0).max(86_400).describe("at most one burst checkpoint per this many seconds"),
        keep_after_close: z.int().min(1).max(100_000).describe("checkpoints kept per session after close (never the only copy of work)"),
      })
      .strict()
      .optional()
      .describe("continuous checkpoints; absent = the defaults"),
    limits: limitsSchema.optional().describe("per-session caps on what a sandboxed session may consume; absent = the defaults"),
    recipes: recipesSchema.optional().describe("allowlisted job commands a session may run in its sandbox (hs job run ID NAME)"),
  })
  .strict();

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;

export const DEFAULT_CHECKPOINTS = { enabled: true, debounce_ms: 2000, min_interval_seconds: 10, keep_after_close: 20 } as const;

export function checkpointSettings(config: WorkspaceConfig): NonNullable<WorkspaceConfig["checkpoints"]> {
  return config.checkpoints ?? { ...DEFAULT_CHECKPOINTS };
}

export const DEFAULT_GOVERNANCE_PATHS = [".handshake/gov/**", ".GOV/**"];

export function defaultConfig(mainRoot: string, worktreesDir?: string): WorkspaceConfig {
  return {
    schema_version: CONFIG_SCHEMA_VERSION,
    workspace_id: crypto.randomUUID(),
    project_id: crypto.randomUUID(),
    created_at: new Date().toISOString(),
    worktrees_dir: worktreesDir ?? path.join("..", `${path.basename(mainRoot)}.hs`),
    governance_paths: [...DEFAULT_GOVERNANCE_PATHS],
    protected_branches: [],
    spawn: { max_depth: 3, max_active_children: 4 },
    approvals: { timeout_seconds: 3600, wait_seconds: 90, workspace_ttl_seconds: 86_400, job_ttl_seconds: null },
    sandbox: { required: true, home_hidden: [] },
    watcher: { ignore: ["**/node_modules/**", "**/.git/**", "**/dist/**", "**/build/**", "**/coverage/**", "**/.next/**", "**/.cache/**"] },
    command_rules: {},
    merge_back: { require_approval: false },
    limits: { ...DEFAULT_LIMITS },
  };
}

export function configPath(handshakeDir: string): string {
  return path.join(handshakeDir, "workspace.json");
}

/** Validates raw JSON text; returns the config or every problem as `path: message`. */
export function parseConfig(text: string): { config?: WorkspaceConfig; errors: string[]; future?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { errors: [`(root): not valid JSON: ${(error as Error).message}`] };
  }
  const version = (raw as { schema_version?: unknown } | null)?.schema_version;
  if (typeof version === "string" && version !== CONFIG_SCHEMA_VERSION && /^hs\.workspace@\d+$/.test(version)) {
    return { errors: [`schema_version: ${version} is newer than this hs understands (${CONFIG_SCHEMA_VERSION})`], future: version };
  }
  const result = workspaceConfigSchema.safeParse(raw);
  if (result.success) {
    const errors = semanticErrors(result.data);
    return errors.length ? { errors } : { config: result.data, errors: [] };
  }
  return { errors: result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`) };
}

/** Rules the schema cannot express: governance globs must be globs hs can reason about. */
function semanticErrors(config: WorkspaceConfig): string[] {
  const errors: string[] = [];
  config.governance_paths.forEach((glob, index) => {
    const result = validateScopeGlob(glob);
    if (!result.ok) errors.push(`governance_paths.${index}: ${result.reason}`);
  });
  config.sandbox.home_hidden.forEach((entry, index) => {
    if (path.isAbsolute(entry) || entry.split("/").some((part) => part === ".." || part === "")) {
      errors.push(`sandbox.home_hidden.${index}: must be a path relative to $HOME without '..' or empty parts (e.g. .ssh)`);
    }
  });
  config.protected_branches.forEach((name, index) => {
    if (!/^[A-Za-z0-9._\/*-]+$/.test(name) || name.includes("..") || name.startsWith("/") || name.endsWith("/")) {
      errors.push(`protected_branches.${index}: '${name}' is not a branch name or glob (letters, digits, . _ - / *)`);
    }
  });
  config.watcher.ignore.forEach((glob, index) => {
    if (!glob.trim()) errors.push(`watcher.ignore.${index}: empty glob`);
  });
  return errors;
}

export function loadConfig(handshakeDir: string): WorkspaceConfig {
  const file = configPath(handshakeDir);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new HsError("HS-NOT-INITIALISED", `cannot read ${file}: ${(error as Error).message}`, { hint: "hs init" });
  }
  const { config, errors, future } = parseConfig(text);
  if (future) throw new HsError("HS-CONFIG-FUTURE", `${file}: ${errors.join("; ")}`, { hint: "upgrade hs; the file was left untouched", details: { errors } });
  if (!config) {
    throw new HsError("HS-CONFIG-INVALID", `${file} is invalid:\n  ${errors.join("\n  ")}`, {
      hint: `fix the listed fields in ${file} (hs never replaces it with defaults); see README "workspace.json"`,
      details: { errors },
    });
  }
  return config;
}

export function writeConfig(handshakeDir: string, config: WorkspaceConfig): void {
  writeJsonAtomic(configPath(handshakeDir), config);
}

export function worktreesRoot(mainRoot: string, config: WorkspaceConfig): string {
  return path.resolve(mainRoot, config.worktrees_dir);
}
