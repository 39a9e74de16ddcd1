// A cgroup per session, when hs may create one: cgroup v2 with the pids and memory controllers delegated,
// or the v1 pids/memory hierarchies when they are writable (root in a container). The sandbox entry
// writes its own pid into `procs` before it execs bubblewrap, so nothing the session starts escapes it.
import fs from "node:fs";
import path from "node:path";

const ROOT = "/sys/fs/cgroup";

export interface SessionCgroup {
  version: "v2" | "v1";
  /** cgroup.procs files the sandbox entry joins. */
  procs: string[];
  processes: boolean;
  memory: boolean;
  /** Live process count of the session (pids.current), for tests and the host. */
  current(): number | null;
  /** Times a fork was refused because of the cap (pids.events "max"). */
  refusedForks(): number;
  remove(): void;
}

/** This process's cgroup path in each hierarchy, from /proc/self/cgroup ("0::/x", "8:pids:/y"). */
function ownPaths(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const [, controllers = "", where = ""] = line.split(":");
    if (line) for (const name of controllers === "" ? ["unified"] : controllers.split(",")) out.set(name, where);
  }
  return out;
}

function tryMake(dir: string, files: Record<string, string>): boolean {
  try {
    fs.mkdirSync(dir);
  } catch {
    return false;
  }
  try {
    for (const [name, value] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), value);
    return true;
  } catch {
    try {
      fs.rmdirSync(dir);
    } catch {
      // a controller file refused: the empty group is left, named after this host's pid
    }
    return false;
  }
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

export function createSessionCgroup(sessionId: string, caps: { processes: number | null; memoryBytes: number | null }): SessionCgroup | null {
  if (caps.processes === null && caps.memoryBytes === null) return null;
  const name = `hs-${sessionId}-${process.pid}`;
  const own = ownPaths();
  const v2 = path.join(ROOT, own.get("unified") ?? "/", name);
  const controllers = read(path.join(path.dirname(v2), "cgroup.subtree_control")).split(/\s+/);
  if (controllers.includes("pids") && controllers.includes("memory")) {
    const files: Record<string, string> = {};
    if (caps.processes !== null) files["pids.max"] = String(caps.processes);
    if (caps.memoryBytes !== null) Object.assign(files, { "memory.max": String(caps.memoryBytes), "memory.swap.max": "0" });
    if (tryMake(v2, files)) return made("v2", [v2], [v2], caps, path.join(v2, "pids"));
  }
  const dirs: string[] = [];
  let pidsDir: string | null = null;
  if (caps.processes !== null && fs.existsSync(path.join(ROOT, "pids", "cgroup.procs"))) {
    const dir = path.join(ROOT, "pids", own.get("pids") ?? "/", name);
    if (tryMake(dir, { "pids.max": String(caps.processes) })) dirs.push((pidsDir = dir));
  }
  if (caps.memoryBytes !== null && fs.existsSync(path.join(ROOT, "memory", "cgroup.procs"))) {
    const dir = path.join(ROOT, "memory", own.get("memory") ?? "/", name);
    if (tryMake(dir, { "memory.limit_in_bytes": String(caps.memoryBytes) })) dirs.push(dir);
  }
  if (!dirs.length) return null;
  return made("v1", dirs, dirs, caps, pidsDir ? path.join(pidsDir, "pids") : null, pidsDir !== null, dirs.some((dir) => dir.includes("/memory/")));
}

function made(version: "v1" | "v2", dirs: string[], procsDirs: string[], caps: { processes: number | null; memoryBytes: number | null }, pidsPrefix: string | null, processes = caps.processes !== null, memory = caps.memoryBytes !== null): SessionCgroup {
  return {
    version,
    procs: procsDirs.map((dir) => path.join(dir, "cgroup.procs")),
    processes,
    memory,
    current: () => (pidsPrefix ? Number(read(`${pidsPrefix}.current`).trim()) || 0 : null),
    refusedForks: () => Number(/^max (\d+)/m.exec(read(`${pidsPrefix}.events`))?.[1] ?? 0),
    remove() {
      for (const dir of dirs) {
        // The sandbox's pid namespace is gone when bwrap exits; its last processes may take a moment to be reaped.
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            fs.rmdirSync(dir);
            break;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") break;
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
          }
        }
      }
    },
  };
}
