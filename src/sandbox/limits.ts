// Per-session limits at the session host: the host-socket budget (refusal recorded once per episode) and
// the process/memory caps applied to the sandbox's process tree (a cgroup where hs may create one,
// rlimits set by the sandbox entry otherwise; see cgroup.ts and child.ts).
import fs from "node:fs";
import type { Workspace } from "../registry/workspace.ts";
import { HsError } from "../errors.ts";
import { sessionLimits } from "../registry/config-values.ts";
import type { SessionLimits } from "../registry/config.ts";
import type { Admit } from "./daemon.ts";
import { refusalLine, SocketBudget, type SocketCaps } from "./socket-limit.ts";
import { createSessionCgroup, type SessionCgroup } from "./cgroup.ts";

export function socketAdmission(ws: Workspace, sessionId: string): Admit {
  const limits = sessionLimits(ws.config);
  const caps: SocketCaps = { requestsPerMinute: limits.socket_requests_per_minute, bytesPerMinute: limits.socket_bytes_per_minute };
  const budget = new SocketBudget(caps);
  return (bytes) => {
    const admission = budget.admit(bytes);
    if (admission.ok) return null;
    if (admission.report) {
      const payload = {
        limit: `socket_${admission.cap}_per_minute`,
        requests_per_minute: caps.requestsPerMinute,
        bytes_per_minute: caps.bytesPerMinute,
        refused_since_last_report: admission.refusedSinceReport,
        note: "refusals are recorded at most once a minute",
      };
      ws.record({ type: "session.limit_exceeded", actor: "system", session_id: sessionId, payload });
    }
    return refusalLine(admission.cap, caps);
  };
}

/** How the sandbox entry applies the caps: join these cgroup.procs files, then set these rlimits. */
export interface ProcessCaps {
  cgroup: SessionCgroup | null;
  /** prlimit(1) options for the sandbox entry, e.g. ["--data=268435456"]. */
  rlimits: string[];
  applied: { processes: string | null; memory: string | null };
}

export function processCaps(limits: SessionLimits, sessionId: string): ProcessCaps {
  const cgroup = createSessionCgroup(sessionId, { processes: limits.processes, memoryBytes: limits.memory_mb === null ? null : limits.memory_mb * 1024 * 1024 });
  const rlimits: string[] = [];
  // RLIMIT_DATA bounds each process's heap; the cgroup (when there is one) bounds the whole tree.
  if (limits.memory_mb !== null) rlimits.push(`--data=${limits.memory_mb * 1024 * 1024}`);
  // RLIMIT_NPROC counts every process of the user (and never binds root): only when no cgroup caps processes.
  if (limits.processes !== null && !cgroup?.processes) rlimits.push(`--nproc=${limits.processes}`);
  return {
    cgroup,
    rlimits,
    applied: {
      processes: limits.processes === null ? null : cgroup?.processes ? `cgroup ${cgroup.version} pids.max` : "rlimit NPROC",
      memory: limits.memory_mb === null ? null : cgroup?.memory ? `cgroup ${cgroup.version} memory + rlimit DATA` : "rlimit DATA",
    },
  };
}

export function prlimitBinary(): string | null {
  return ["/usr/bin/prlimit", "/bin/prlimit"].find((file) => fs.existsSync(file)) ?? null;
}

/** The caps for one run; fails closed when a configured cap has no way to be applied. */
export function capsForRun(ws: Workspace, sessionId: string): ProcessCaps & { prlimit: string | null } {
  const caps = processCaps(sessionLimits(ws.config), sessionId);
  const prlimit = prlimitBinary();
  if (caps.rlimits.length && !prlimit) {
    caps.cgroup?.remove();
    throw new HsError("HS-LIMITS-UNAVAILABLE", `session '${sessionId}' has process/memory limits but prlimit(1) is missing and no cgroup could be created; nothing runs`, {
      hint: "apt-get install -y util-linux   # or set limits.processes and limits.memory_mb to null in .handshake/workspace.json",
    });
  }
  return { ...caps, prlimit };
}
