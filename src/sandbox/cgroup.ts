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

/** Empty groups left by a host that was killed before it could remove them (its pid is gone). */
function sweepStale(parent: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((name) => /^hs-.+-\d+$/.test(name));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.slice(name.lastIndexOf("-") + 1));
    if (fs.existsSync(`/proc/${pid}`)) continue;
    try {
      fs.rmdirSync(path.join(parent, name)); // refused while a process is still in it
    } catch {
      // not empty or already gone
    }
  }
}

function tryMake(dir: string, files: Record<string, string>): boolean {
  sweepStale(path.dirname(dir));
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
    const wanted = { processes: caps.processes !== null, memory: caps.memoryBytes !== null };
    if (tryMake(v2, files)) return made("v2", [v2], wanted);
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
  const memory = dirs.some((dir) => dir.includes("/memory/"));
  return made("v1", dirs, { processes: pidsDir !== null, memory });
}

type Caps = { processes: boolean; memory: boolean };

function made(version: "v1" | "v2", dirs: string[], { processes, memory }: Caps): SessionCgroup {
  return {
    version,
    procs: dirs.map((dir) => path.join(dir, "cgroup.procs")),
    processes,
    memory,
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
