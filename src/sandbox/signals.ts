// Signals for a session's whole process tree: every descendant of the sandbox process plus every process
// in the sandbox's pid namespace (daemons that double-forked are reparented to the namespace's init, so
// they stay in both sets; the namespace check also catches anything the ppid walk raced with).
import { descendants, isAlive, listProcs, pidNamespace } from "./proc.ts";

export function treePids(rootPid: number): number[] {
  const procs = listProcs();
  const tree = [rootPid, ...descendants(rootPid, procs)].filter(isAlive);
  const own = pidNamespace(process.pid);
  const namespaces = new Set(tree.map(pidNamespace).filter((ns): ns is string => ns !== undefined && ns !== own));
  const members = namespaces.size ? procs.filter((proc) => namespaces.has(pidNamespace(proc.pid) ?? "")).map((proc) => proc.pid) : [];
  return [...new Set([...tree, ...members])].filter((pid) => pid !== process.pid);
}

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Signals the tree, rescanning until no new process appears (a fork can race the first pass). */
export function signalTree(rootPid: number, signal: NodeJS.Signals): number[] {
  const done = new Set<number>();
  for (let pass = 0; pass < 5; pass += 1) {
    const fresh = treePids(rootPid).filter((pid) => !done.has(pid));
    if (!fresh.length) break;
    for (const pid of fresh) {
      send(pid, signal);
      done.add(pid);
    }
  }
  return [...done];
}

export function signalPids(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) send(pid, signal);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until none of the pids is alive; returns the ones still alive at the deadline. */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < deadline) {
    await sleep(25);
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** TERM (with CONT, so stopped processes can act on it), then KILL after the grace period. */
export async function terminateTree(rootPid: number, graceMs: number): Promise<{ terminated: number[]; killed: number[] }> {
  const terminated = signalTree(rootPid, "SIGTERM");
  signalPids(terminated, "SIGCONT");
  const left = await waitGone(terminated, graceMs);
  const stragglers = [...new Set([...left, ...treePids(rootPid)])];
  signalPids(stragglers, "SIGKILL");
  await waitGone(stragglers, 2000);
  return { terminated, killed: stragglers };
}
