// hs doctor: runs every check and returns the findings; the CLI decides how they look and the exit code.
import fs from "node:fs";
import type { RepoLocation } from "../../registry/locate.ts";
import { checkBubblewrap } from "./sandbox.ts";
import { checkDatabases } from "./databases.ts";
import { registryDrift } from "./drift.ts";
import { checkHooks } from "./hooks.ts";
import { checkTrackedState } from "./tracked.ts";
import { listWorktrees } from "./worktrees.ts";
import { problem, type Finding } from "./finding.ts";
import { checkNested, checkSessionAdmin, repairSessionAdmin } from "./session-admin.ts";
import type { Actor } from "../../ops/actor.ts";
import { shQuote } from "../../shim/shell-quote.ts";

export type { Finding } from "./finding.ts";

export interface DoctorReport {
  ok: boolean;
  main_root: string;
  checks: string[];
  findings: Finding[];
}

export async function runDoctor(loc: RepoLocation): Promise<DoctorReport> {
  const findings: Finding[] = [];
  const checks: string[] = [];
  const run = (name: string, check: () => Finding[]) => {
    checks.push(name);
    try {
      findings.push(...check());
    } catch (error) {
      findings.push(problem("CHECK-FAILED", `the ${name} check could not run: ${(error as Error).message}`, "doctor cannot vouch for this part", "HS_DEBUG=1 hs doctor"));
    }
  };
  const worktrees = listWorktrees(loc.mainRoot);
  run("hooks", () => checkHooks(loc, worktrees));
  const initialised = fs.existsSync(`${loc.handshakeDir}/workspace.json`);
  let sandboxRequired = true;
  if (!initialised) {
    findings.push(problem("NOT-INITIALISED", `no .handshake/workspace.json in ${loc.mainRoot}`, "hs has no registry or policy here", `cd ${shQuote(loc.mainRoot)} && hs init`));
  } else {
    const { openWorkspace } = await import("../../registry/workspace.ts");
    const { listSessions } = await import("../../registry/sessions.ts");
    // without devcc.db there is nothing to compare (the databases check reports DB-MISSING)
    if (fs.existsSync(`${loc.handshakeDir}/devcc.db`)) run("registry-drift", () => {
      const ws = openWorkspace(loc.mainRoot);
      try {
        sandboxRequired = ws.config.sandbox.required;
        return registryDrift(listSessions(ws), worktrees);
      } finally {
        ws.close();
      }
    });
    run("databases", () => checkDatabases(loc.handshakeDir));
    run("session-admin", () => {
      const ws = openWorkspace(loc.mainRoot);
      try {
        const sessions = listSessions(ws);
        return [...checkSessionAdmin(loc.commonDir, sessions), ...checkNested(loc.commonDir, sessions)];
      } finally {
        ws.close();
      }
    });
    const { checkTaskBoard } = await import("../../work/doctor.ts");
    run("task-board", () => checkTaskBoard(loc.handshakeDir));
  }
  run("tracked-state", () => checkTrackedState(loc.mainRoot));
  run("bubblewrap", () => checkBubblewrap(sandboxRequired));
  return { ok: !findings.some((finding) => finding.severity === "problem"), main_root: loc.mainRoot, checks, findings };
}

/**
 * `hs doctor --fix`: restores session admin files hs wrote (HEAD on the session branch, empty config.worktree, no
 * `locked`, no symlinks) and drops session stores from the alternates. One FR event per repair run that did anything.
 */
export async function repairDoctor(loc: RepoLocation, actor: Actor): Promise<string[]> {
  const { openWorkspace } = await import("../../registry/workspace.ts");
  const { listSessions } = await import("../../registry/sessions.ts");
  const { authorize } = await import("../../ops/guard.ts");
  const ws = openWorkspace(loc.mainRoot);
  try {
    authorize(ws, actor, "doctor --fix", { who: "operator" });
    const repairs = repairSessionAdmin(loc.commonDir, listSessions(ws));
    if (repairs.length) ws.record({ type: "session.admin_repaired", actor: "human", payload: { repairs } });
    return repairs;
  } finally {
    ws.close();
  }
}
