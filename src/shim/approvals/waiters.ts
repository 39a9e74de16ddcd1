// Who waits on a request right now. A waiter is a process: the shim's own Node process (no session host) or
// the session host serving a waiting client over its socket. A row whose process is gone (SIGKILL, host
// crash) is nobody: every reader checks the pid (and its start time, so a reused pid does not count).
import fs from "node:fs";
import crypto from "node:crypto";
import type { Db } from "../../registry/sqlite.ts";
import { immediate } from "../../registry/sqlite.ts";
import { setUnwaitedSince } from "./requests.ts";

export type WaiterVia = "shim" | "host";

interface WaiterRow {
  waiter_id: string;
  request_id: string;
  pid: number;
  pid_start: string | null;
  via: WaiterVia;
  since: string;
}

function procStat(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks); null where /proc is not there. */
export function processStart(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

/** Alive, not a zombie nobody reaped yet, and the same process (start time) that registered. */
export function processAlive(pid: number, start: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(pid);
  if (stat === null) return start === null;
  return stat[0] !== "Z" && stat[0] !== "X" && (start === null || stat[19] === start);
}

export function addWaiter(db: Db, requestId: string, pid: number, via: WaiterVia, now = new Date()): string {
  const id = `w-${crypto.randomBytes(6).toString("hex")}`;
  immediate(db, () => {
    db.prepare("INSERT INTO gate_waiters (waiter_id, request_id, pid, pid_start, via, since) VALUES (?, ?, ?, ?, ?, ?)").run(
      id, requestId, pid, processStart(pid), via, now.toISOString(),
    );
    setUnwaitedSince(db, requestId, null);
  });
  return id;
}

function waiterCount(db: Db, requestId: string): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM gate_waiters WHERE request_id = ?").get(requestId) as { n: number }).n;
}

function settle(db: Db, requestId: string, now: Date): void {
  if (waiterCount(db, requestId) > 0) return;
  db.prepare("UPDATE gate_requests SET unwaited_since = ? WHERE request_id = ? AND unwaited_since IS NULL").run(now.toISOString(), requestId);
}

/** The waiter stops waiting (decision, timeout, signal, client gone); the request stays as it is. */
export function removeWaiter(db: Db, waiterId: string, now = new Date()): void {
  immediate(db, () => {
    const row = db.prepare("SELECT request_id FROM gate_waiters WHERE waiter_id = ?").get(waiterId) as WaiterRow | undefined;
    if (!row) return;
    db.prepare("DELETE FROM gate_waiters WHERE waiter_id = ?").run(waiterId);
    settle(db, row.request_id, now);
  });
}

/** Drops the rows of processes that are gone; returns the requests that lost their last waiter. */
export function pruneDeadWaiters(db: Db, now = new Date()): string[] {
  const rows = db.prepare("SELECT * FROM gate_waiters").all() as WaiterRow[];
  const dead = rows.filter((row) => !processAlive(row.pid, row.pid_start));
  if (!dead.length) return [];
  return immediate(db, () => {
    const touched = new Set<string>();
    for (const row of dead) {
      db.prepare("DELETE FROM gate_waiters WHERE waiter_id = ?").run(row.waiter_id);
      touched.add(row.request_id);
    }
    for (const id of touched) settle(db, id, now);
    return [...touched].filter((id) => waiterCount(db, id) === 0);
  });
}

/** Live waiting processes per request id (a read: dead rows are not counted, and not removed). */
export function liveWaiters(db: Db, requestIds?: readonly string[]): Map<string, number> {
  const rows = db.prepare("SELECT * FROM gate_waiters").all() as WaiterRow[];
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (requestIds && !requestIds.includes(row.request_id)) continue;
    if (processAlive(row.pid, row.pid_start)) counts.set(row.request_id, (counts.get(row.request_id) ?? 0) + 1);
  }
  return counts;
}
