// Per-session limits at the session host: the host-socket budget (refusal recorded once per episode) and
// the process/memory caps applied to the sandbox's process tree (a cgroup where hs may create one, and
// rlimits the sandbox entry sets; see cgroup.ts and child.ts).
import type { Workspace } from "../registry/workspace.ts";
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
  /** Set by the sandbox entry's shell (`ulimit`, no extra process) before anything of the session runs. */
  rlimits: Rlimits;
  applied: { processes: string | null; memory: string | null };
}

export interface Rlimits {
  /** RLIMIT_DATA in KiB (what `ulimit -d` takes), or null. */
  dataKib: number | null;
  /** RLIMIT_NPROC, or null. */
  processes: number | null;
}

export function processCaps(limits: SessionLimits, sessionId: string): ProcessCaps {
  const cgroup = createSessionCgroup(sessionId, { processes: limits.processes, memoryBytes: limits.memory_mb === null ? null : limits.memory_mb * 1024 * 1024 });
  return {
    cgroup,
    rlimits: {
      // RLIMIT_DATA bounds each process's heap; the cgroup (when there is one) bounds the whole tree.
      dataKib: limits.memory_mb === null ? null : limits.memory_mb * 1024,
      // RLIMIT_NPROC counts every process of the user (and never binds root): only when no cgroup caps processes.
      processes: limits.processes !== null && !cgroup?.processes ? limits.processes : null,
    },
    applied: {
      processes: limits.processes === null ? null : cgroup?.processes ? `cgroup ${cgroup.version} pids.max` : "rlimit NPROC",
      memory: limits.memory_mb === null ? null : cgroup?.memory ? `cgroup ${cgroup.version} memory + rlimit DATA` : "rlimit DATA",
    },
  };
}

/** The caps for one run. A cap the entry's shell then cannot set stops the run before anything starts (exit 125). */
export function capsForRun(ws: Workspace, sessionId: string): ProcessCaps {
  return processCaps(sessionLimits(ws.config), sessionId);
}
