// Waiting for the operator. The waiter registers itself (the session shows `blocked` while anyone waits),
// polls every ~200 ms, and stops on a decision, on its own deadline (approvals.wait_seconds, shorter than
// agents' tool timeouts), on a signal or when its client goes away. Only a decision or the request's own
// lifetime ends the request: a retry of the same command attaches to it or uses the decision later.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { sessionActor } from "../ops/actor.ts";
import { attach, consume, detach } from "./approvals/ops.ts";
import { closeRequest, getRequest } from "./approvals/requests.ts";
import { EXPIRED_REASON, recordExpired } from "./approvals/expiry.ts";
import type { WaiterVia } from "./approvals/waiters.ts";
import type { ApprovalRequest } from "./approvals/types.ts";

/** pending: the waiter stopped (deadline, signal, client gone) and the request still waits for the operator. */
export type WaitResult = {
  status: "approved" | "denied" | "expired" | "withdrawn" | "pending" | "used";
  request: ApprovalRequest;
  signal?: NodeJS.Signals;
  /** pending: why this waiter stopped. */
  stopped?: "deadline" | "signal" | "gone";
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Records SIGINT/SIGTERM/SIGHUP from now on instead of dying, so the waiter can leave cleanly. */
export function watchSignals(): { signal(): NodeJS.Signals | undefined; stop(): void } {
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    received ??= name;
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const name of signals) process.on(name, onSignal);
  return { signal: () => received, stop: () => signals.forEach((name) => process.off(name, onSignal)) };
}

export interface WaitOptions {
  waitSeconds: number;
  pid: number;
  via: WaiterVia;
  pollMs?: number;
  interrupted?: () => NodeJS.Signals | undefined;
  /** The host: fires when the waiting client's connection closes (its process died or was killed). */
  gone?: AbortSignal;
}

export async function waitForDecision(ws: Workspace, session: SessionRecord, request: ApprovalRequest, options: WaitOptions): Promise<WaitResult> {
  const actor = sessionActor(session.id);
  const own = options.interrupted ? undefined : watchSignals();
  const interrupted = options.interrupted ?? own!.signal;
  const deadline = Date.now() + options.waitSeconds * 1000;
  const waiter = attach(ws, actor, { request, pid: options.pid, via: options.via });
  try {
    for (;;) {
      const signal = interrupted();
      const current = getRequest(ws.db, request.id) ?? request;
      if (current.status === "pending") {
        if (Date.now() >= Date.parse(current.expiresAt)) {
          // Lost the race against a decision made at this very moment: look again.
          if (!closeRequest(ws.db, request.id, "expired", EXPIRED_REASON)) continue;
          recordExpired(ws, actor, current, "expired", EXPIRED_REASON);
          return { status: "expired", request: getRequest(ws.db, request.id) ?? current };
        }
        if (signal) return { status: "pending", request: current, signal, stopped: "signal" };
        if (options.gone?.aborted) return { status: "pending", request: current, stopped: "gone" };
        if (Date.now() >= deadline) return { status: "pending", request: current, stopped: "deadline" };
        await sleep(options.pollMs ?? 200);
        continue;
      }
      // Interrupted as the decision came: nothing runs, and the decision stays for the next identical run.
      if (signal || options.gone?.aborted) return { status: "pending", request: current, signal, stopped: signal ? "signal" : "gone" };
      if (current.status === "approved" || current.status === "denied") {
        const used = consume(ws, actor, { request: current, status: current.status, argv: current.argv });
        return { status: used ? current.status : "used", request: current };
      }
      return { status: current.status, request: current };
    }
  } finally {
    own?.stop();
    try {
      detach(ws, actor, { request, waiter });
    } catch {
      // the workspace was closed under us (the host is exiting): the dead waiter row is pruned by pid later
    }
  }
}
