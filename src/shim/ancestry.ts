// Walks the process ancestry through /proc and reports the first ancestor that belongs to a session:
// a session host (`hs __host`), a shim (`.handshake/sessions/<id>/bin/`, `hs __gate`), or a process
// started with the session environment. /proc/<pid>/environ is the environment at exec time, which is
// exactly what `env -u HS_SESSION_ID` in a session shell cannot rewrite for its ancestors.
import fs from "node:fs";

// Set by `hs session env` and by the session host for everything inside a session.
export const SESSION_ENV_MARKERS = ["HS_SESSION_ID", "HS_SHIM", "HS_HOST_SOCKET", "HS_WORKTREE", "HS_SANDBOX", "HS_REQUESTED_BY_SESSION"] as const;

export interface SessionAncestor {
  pid: number;
  why: string;
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm may contain spaces and parentheses: the fields after the last ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function readNulList(file: string): string[] {
  try {
    return fs.readFileSync(file, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** Why this process looks like part of a session, or undefined. Pure over its cmdline and environ. */
export function sessionMarker(cmdline: readonly string[], environ: readonly string[]): string | undefined {
  const variable = environ.find((entry) => SESSION_ENV_MARKERS.some((name) => entry.startsWith(`${name}=`) && entry.length > name.length + 1));
  if (variable) return `its environment has ${variable.split("=")[0]}`;
  const joined = cmdline.join(" ");
  if (/(^|\s|\/)hs(\.js)?\s+__(host|gate)\b/.test(joined) || cmdline.some((arg) => arg === "__host" || arg === "__gate")) {
    return `it is a session host or gate process (${joined.slice(0, 120)})`;
  }
  if (cmdline.some((arg) => /\/\.handshake\/sessions\/[^/]+\/bin\//.test(arg))) return `it runs a session shim (${joined.slice(0, 120)})`;
  return undefined;
}

export function findSessionAncestor(startPid: number = process.ppid, maxDepth = 64): SessionAncestor | undefined {
  let pid: number | undefined = startPid;
  for (let depth = 0; pid && pid > 1 && depth < maxDepth; depth += 1) {
    const why = sessionMarker(readNulList(`/proc/${pid}/cmdline`), readNulList(`/proc/${pid}/environ`));
    if (why) return { pid, why };
    pid = parentPid(pid);
  }
  return undefined;
}
