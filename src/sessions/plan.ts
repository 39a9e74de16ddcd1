// Pure checks for a new session: id, scope globs, spawn limits, child-within-parent. No I/O.
import crypto from "node:crypto";
import { HsError } from "../errors.ts";
import { validateScopeGlob, scopeIsWithin } from "../scope/index.ts";
import type { SessionRecord } from "../registry/sessions.ts";

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function generateSessionId(): string {
  return `s-${crypto.randomBytes(4).toString("hex")}`;
}

export function checkSessionId(id: string): void {
  if (!ID_PATTERN.test(id) || id.includes("..") || id.endsWith(".lock") || id.endsWith(".")) {
    throw new HsError("HS-SESSION-ID-INVALID", `'${id}' cannot be a session id (it names a branch hs/<id>/work and a folder)`, {
      hint: "hs session create --id s1 --scope 'src/**'   # ids: 1-64 of A-Z a-z 0-9 . _ -",
    });
  }
}

export function normalizeScope(globs: readonly string[]): string[] {
  if (!globs.length) throw new HsError("HS-SCOPE-INVALID", "a session needs at least one --scope glob", { hint: "hs session create --scope 'src/**'" });
  const normalized: string[] = [];
  for (const glob of globs) {
    const result = validateScopeGlob(glob);
    if (!result.ok) {
      throw new HsError("HS-SCOPE-INVALID", `scope '${glob}' is rejected: ${result.reason}`, {
        hint: "use globs relative to the worktree root, e.g. --scope 'src/**' --scope 'docs/*.md'",
      });
    }
    if (!normalized.includes(result.normalized)) normalized.push(result.normalized);
  }
  return normalized;
}

export type SpawnRejection = "depth_limit_exceeded" | "children_cap_reached" | "scope_wider_than_parent";

export interface SpawnCheck {
  ok: boolean;
  depth: number;
  rejection?: SpawnRejection;
  message?: string;
}

export function checkSpawn(
  parent: SessionRecord,
  activeChildren: number,
  childScope: readonly string[],
  limits: { max_depth: number; max_active_children: number },
): SpawnCheck {
  const depth = parent.spawnDepth + 1;
  if (depth > limits.max_depth) {
    return { ok: false, depth, rejection: "depth_limit_exceeded", message: `spawn depth ${depth} exceeds the limit of ${limits.max_depth}` };
  }
  if (activeChildren >= limits.max_active_children) {
    return { ok: false, depth, rejection: "children_cap_reached", message: `'${parent.id}' already has ${activeChildren} active children (limit ${limits.max_active_children})` };
  }
  const within = scopeIsWithin(childScope, parent.scope);
  if (!within.ok) {
    return { ok: false, depth, rejection: "scope_wider_than_parent", message: `child scope '${within.glob}' may match '${within.example}', which the parent's scope does not cover` };
  }
  return { ok: true, depth };
}
