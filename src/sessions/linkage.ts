// Reads a session linkage file (hs.session-link@1, written by registry/markers.ts) without trusting its shape.
import fs from "node:fs";
import type { Isolation, SessionBudgets, SessionRole } from "../registry/sessions.ts";

export interface Linkage {
  schema: "hs.session-link@1";
  workspace_id: string;
  session_id: string;
  parent_session_id: string | null;
  spawn_depth: number;
  role: SessionRole;
  agent: string | null;
  model: string | null;
  wp_id: string | null;
  mt_id: string | null;
  isolation: Isolation;
  worktree: string;
  branch: string | null;
  target_branch: string | null;
  base_rev: string | null;
  scope: string[];
  budgets: SessionBudgets;
  degraded: boolean;
  degraded_reason: string | null;
  created_at: string;
}

export function readLinkage(file: string): Linkage | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Linkage>;
    const ok =
      value.schema === "hs.session-link@1" &&
      typeof value.session_id === "string" &&
      typeof value.workspace_id === "string" &&
      typeof value.worktree === "string" &&
      Array.isArray(value.scope) &&
      (value.isolation === "worktree" || value.isolation === "lock");
    return ok ? ({ budgets: {}, spawn_depth: 0, parent_session_id: null, degraded: false, degraded_reason: null, role: "coder", ...value } as Linkage) : undefined;
  } catch {
    return undefined;
  }
}
