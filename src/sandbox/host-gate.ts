// The parts of the session host a session needs only once it does something: the socket's handlers (shim policy,
// approvals, checkpoints) load on the first request or file write, or shortly after the command started, never
// before it starts. A command that ends at once (`hs session run ID -- true`) never loads them.
import { SYSTEM } from "../ops/actor.ts";
import { checkpointScheduler, type CheckpointScheduler } from "../checkpoints/scheduler.ts";
import type { Handler } from "./daemon.ts";
import type { HandlerContext } from "./handlers.ts";

export interface HostGate {
  /** The socket handler: waits for the modules on the first request. */
  handler: Handler;
  /** A file in the worktree changed (burst checkpoints, debounced). */
  filesChanged(): void;
  /** Loads the modules in the background after `ms`, unless stop() came first. */
  preload(ms: number): void;
  stop(): void;
}

export interface HostGateOptions extends Omit<HandlerContext, "beforeAllow"> {
  checkpoints: { debounceMs: number; minIntervalMs: number };
  notify(line: string): void;
}

export function hostGate(options: HostGateOptions): HostGate {
  const { ws, sessionId, checkpoints, notify, ...context } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let loaded: Promise<{ handler: Handler; scheduler: CheckpointScheduler }> | undefined;
  const modules = () => Promise.all([import("./handlers.ts"), import("../checkpoints/ops.ts")]);
  const load = () =>
    (loaded ??= modules().then(([{ makeHandler }, { takeCheckpoint }]) => {
      const scheduler = checkpointScheduler({
        take: (trigger) => takeCheckpoint(ws, SYSTEM, { sessionId, trigger }),
        debounceMs: checkpoints.debounceMs,
        minIntervalMs: checkpoints.minIntervalMs,
        warn: notify,
      });
      // The checkpoint of what a command may change is taken before it is let through.
      const handler = makeHandler({ ...context, ws, sessionId, beforeAllow: (argv) => scheduler.beforeCommand(argv) });
      return { handler, scheduler };
    }));
  return {
    handler: async (request, reply, gone) => (await load()).handler(request, reply, gone),
    filesChanged() {
      if (stopped) return;
      load().then(
        ({ scheduler }) => stopped || scheduler.filesChanged(),
        (error: unknown) => notify(`hs: checkpoints not available: ${(error as Error).message}`),
      );
    },
    preload(ms) {
      timer = setTimeout(() => void load().catch(() => undefined), ms);
      timer.unref();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      void loaded?.then(({ scheduler }) => scheduler.stop(), () => undefined);
    },
  };
}
