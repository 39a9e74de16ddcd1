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
    const { checkTaskBoard } = await import("../../work/doctor.ts");
    run("task-board", () => checkTaskBoard(loc.handshakeDir));
  }
  run("tracked-state", () => checkTrackedState(loc.mainRoot));
  run("bubblewrap", () => checkBubblewrap(sandboxRequired));
  return { ok: !findings.some((finding) => finding.severity === "problem"), main_root: loc.mainRoot, checks, findings };
}
