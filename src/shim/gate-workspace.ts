// The gate's view of the workspace: the same Workspace shape as openWorkspace, but workspace.json is
// checked by hand instead of through zod (the shim's slow path never loads yargs or zod). It still fails
// closed: a file that lacks what the gate needs refuses every gated command.
import fs from "node:fs";
import path from "node:path";
import { bindWorkspace, type Workspace } from "../registry/workspace-index.ts";
import type { WorkspaceConfig } from "../registry/config.ts";
import type { RepoLocation } from "../registry/locate.ts";
import { HsError } from "../errors.ts";
import { shQuote } from "./shell-quote.ts";

function configProblems(raw: any): string[] {
  const problems: string[] = [];
  if (raw?.schema_version !== "hs.workspace@1") problems.push("schema_version: expected hs.workspace@1");
  if (typeof raw?.workspace_id !== "string") problems.push("workspace_id: missing");
  if (!Array.isArray(raw?.governance_paths) || raw.governance_paths.some((glob: unknown) => typeof glob !== "string")) problems.push("governance_paths: expected a list of globs");
  if (typeof raw?.command_rules !== "object" || raw.command_rules === null || Object.values(raw.command_rules).some((value) => value !== "ask" && value !== "deny")) {
    problems.push("command_rules: expected rule -> ask|deny");
  }
  const approvals = raw?.approvals;
  if (!Number.isInteger(approvals?.timeout_seconds) || !Number.isInteger(approvals?.workspace_ttl_seconds)) problems.push("approvals: expected integer timeout_seconds and workspace_ttl_seconds");
  if (approvals?.wait_seconds !== undefined && !(Number.isInteger(approvals.wait_seconds) && approvals.wait_seconds >= 1)) problems.push("approvals.wait_seconds: expected a positive integer");
  if (approvals && approvals.job_ttl_seconds !== null && !Number.isInteger(approvals.job_ttl_seconds)) problems.push("approvals.job_ttl_seconds: expected an integer or null");
  return problems;
}

export function readGateConfig(handshakeDir: string): WorkspaceConfig {
  const file = path.join(handshakeDir, "workspace.json");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new HsError("HS-CONFIG-INVALID", `${file}: ${(error as Error).message}`, { hint: "hs doctor" });
  }
  const problems = configProblems(raw);
  if (problems.length) throw new HsError("HS-CONFIG-INVALID", `${file} is invalid:\n  ${problems.join("\n  ")}`, { hint: "hs doctor", details: { errors: problems } });
  return raw as WorkspaceConfig;
}

/** The location is derived from the baked .handshake/ path (no git spawn): <main>/.handshake and <main>/.git. */
export function gateLocation(handshakeDir: string): RepoLocation {
  const mainRoot = path.dirname(path.resolve(handshakeDir));
  const commonDir = path.join(mainRoot, ".git");
  if (!fs.existsSync(path.join(handshakeDir, "workspace.json")) || !fs.statSync(commonDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new HsError("HS-NOT-INITIALISED", `no hs workspace at ${handshakeDir}`, { hint: `cd ${shQuote(mainRoot)} && hs init` });
  }
  return { worktreeRoot: mainRoot, gitDir: commonDir, commonDir, mainRoot, handshakeDir: path.join(mainRoot, ".handshake") };
}

/** Opens the workspace whose .handshake/ directory is given (the shim bakes it in; cwd may be anywhere). */
export function openGateWorkspace(handshakeDir: string): Workspace {
  const loc = gateLocation(handshakeDir);
  return bindWorkspace(loc, readGateConfig(loc.handshakeDir));
}
