// Renders the per-session shim scripts from templates/shim/: every value is baked in, single-quoted.
import fs from "node:fs";
import path from "node:path";
import { packagePath } from "../package-root.ts";
import { shQuote } from "./shell-quote.ts";
import { fastPathReplacements } from "./fast-path-sh.ts";
import { rmFastPathReplacements } from "./rm-fast-path.ts";

export const SHIM_FINGERPRINT = "# hs-shim@1 ";
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const FRONT_END_MAX_BYTES = 2 << 20;
export const SHIM_TOOLS = ["git", "rm"] as const;
export type ShimTool = (typeof SHIM_TOOLS)[number];

export interface ShimValues {
  sessionId: string;
  real: string;
  node: string;
  entry: string;
  worktree: string;
  handshakeDir: string;
  /** The session host's socket client (issue 4's C client), used when HS_HOST_SOCKET is set. */
  client?: string;
  /** The session's IN_SCOPE_PATHS and the workspace's governance globs (the rm fast path). */
  scope: readonly string[];
  governance: readonly string[];
  /** git's global config inside the session (src/sandbox/git-global.ts); absent = git's own lookup. */
  gitConfig?: string;
}

/** Where a session's gate daemon listens (src/shim/gate-daemon.ts): hidden inside every sandbox. */
export function gateDaemonDir(handshakeDir: string, sessionId: string): string {
  return path.join(handshakeDir, "sessions", sessionId, "gate");
}

export function renderShim(tool: ShimTool, values: ShimValues, template = fs.readFileSync(packagePath("templates", "shim", `${tool}.sh`), "utf8")): string {
  const replacements: Record<string, string> = {
    "@SESSION_LABEL@": values.sessionId.replace(/[^A-Za-z0-9._-]/g, "_"),
    "@REAL@": shQuote(values.real),
    "@NODE@": shQuote(values.node),
    "@ENTRY@": shQuote(values.entry),
    "@SESSION@": shQuote(values.sessionId),
    "@ROOT@": shQuote(values.worktree),
    "@HANDSHAKE@": shQuote(values.handshakeDir),
    "@CLIENT@": shQuote(values.client ?? "/nonexistent/hs-gate-client"),
    "@DAEMON@": shQuote(gateDaemonDir(values.handshakeDir, values.sessionId)),
    "@GITCONFIG@": shQuote(values.gitConfig ?? ""),
    ...(tool === "git" ? fastPathReplacements() : rmFastPathReplacements(values.scope, values.governance)),
  };
  return template.replace(/@[A-Z_]+@/g, (token) => replacements[token] ?? token);
}

/**
 * An hs shim: a rendered sh script, or a compiled front end (src/shim/front-end.c), which carries the fingerprint
 * too. Reads only the head of anything else: the candidates are real binaries too (git is 3.7 MB, and this runs
 * for each on PATH); an ELF file is read whole only when it is no bigger than a front end.
 */
export function isShimScript(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const head = Buffer.alloc(200);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, read).toString("utf8").includes(SHIM_FINGERPRINT)) return true;
    const small = fs.fstatSync(fd).size <= FRONT_END_MAX_BYTES;
    return head.subarray(0, 4).equals(ELF_MAGIC) && small && fs.readFileSync(file).includes(SHIM_FINGERPRINT);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
