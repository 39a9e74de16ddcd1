// Installs a session's shim: .handshake/sessions/<id>/bin/{git,rm} (the compiled front end, with the sh shim
// beside it as .git.sh/.rm.sh, or the sh shim alone) plus shim.json recording the real binaries. Called by `hs session create`; .handshake/ is read-only inside the sandbox, so a session
// cannot rewrite what its shim runs.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { sessionDir } from "../registry/sessions.ts";
import { HsError } from "../errors.ts";
import { packagePath } from "../package-root.ts";
import { renderShim, SHIM_TOOLS, type ShimTool, type ShimValues } from "./render.ts";
import { renderFrontEnd } from "./front-end.ts";
import { resolveRealBinary } from "./resolve-binary.ts";
import { gitGlobalFile } from "../sandbox/git-global.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";

export const SHIM_STATE_SCHEMA = "hs.shim@1";

export interface ShimState {
  schema: typeof SHIM_STATE_SCHEMA;
  session_id: string;
  bin_dir: string;
  real: Record<ShimTool, string>;
  node: string;
  entry: string;
  /** "compiled": bin/<tool> is the C front end and bin/.<tool>.sh the sh shim it hands every other call to. */
  front_end?: Record<ShimTool, "compiled" | "sh">;
  created_at: string;
}

export function shimBinDir(ws: Workspace, sessionId: string): string {
  return path.join(sessionDir(ws, sessionId), "bin");
}

function realBinary(tool: ShimTool): string {
  const override = tool === "git" ? process.env.HS_GIT_BINARY : undefined;
  const found = override && path.isAbsolute(override) ? fs.realpathSync(override) : resolveRealBinary(tool);
  if (!found) throw new HsError("HS-SHIM-INSTALL", `cannot find the real ${tool} on PATH`, { hint: `install ${tool} (apt-get install ${tool === "git" ? "git" : "coreutils"}) and retry hs session create` });
  return found;
}

function writeAtomic(file: string, content: string | Buffer, mode: number): void {
  writeFileAtomic(file, content, { mode });
}

// A lock-mode session shares a checkout that may hold other worktrees (worktrees_dir inside it); only the
// gate knows them, so its rm never takes the no-Node path.
function rmFastScope(session: SessionRecord): string[] {
  return session.isolation === "worktree" ? session.scope : [];
}

/** bin/<tool>: the compiled front end with the sh shim beside it as bin/.<tool>.sh, or the sh shim itself. */
function writeShim(binDir: string, tool: ShimTool, values: ShimValues): "compiled" | "sh" {
  const script = renderShim(tool, values);
  const shShim = path.join(binDir, `.${tool}.sh`);
  const front = renderFrontEnd(tool, values, shShim);
  if (!front) {
    writeAtomic(path.join(binDir, tool), script, 0o755);
    return "sh";
  }
  writeAtomic(shShim, script, 0o755);
  writeAtomic(path.join(binDir, tool), front, 0o755);
  return "compiled";
}

export function installSessionShim(ws: Workspace, session: SessionRecord): ShimState {
  const binDir = shimBinDir(ws, session.id);
  fs.mkdirSync(binDir, { recursive: true });
  const state: ShimState = {
    schema: SHIM_STATE_SCHEMA,
    session_id: session.id,
    bin_dir: binDir,
    real: { git: realBinary("git"), rm: realBinary("rm") },
    node: process.execPath,
    entry: packagePath("dist", "hs.js"),
    created_at: new Date().toISOString(),
  };
  const frontEnd: Record<ShimTool, "compiled" | "sh"> = { git: "sh", rm: "sh" };
  for (const tool of SHIM_TOOLS) {
    const values: ShimValues = { sessionId: session.id, real: state.real[tool], node: state.node, entry: state.entry, worktree: session.worktree, handshakeDir: ws.loc.handshakeDir, client: packagePath("dist", "hs-gate-client"), gitConfig: gitGlobalFile(sessionDir(ws, session.id)), scope: rmFastScope(session), governance: ws.config.governance_paths };
    frontEnd[tool] = writeShim(binDir, tool, values);
  }
  state.front_end = frontEnd;
  writeAtomic(path.join(sessionDir(ws, session.id), "shim.json"), JSON.stringify(state, null, 2) + "\n", 0o644);
  return state;
}

export function readShimState(handshakeDir: string, sessionId: string): ShimState | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(path.join(handshakeDir, "sessions", sessionId, "shim.json"), "utf8")) as ShimState;
    return state.schema === SHIM_STATE_SCHEMA ? state : undefined;
  } catch {
    return undefined;
  }
}
