// When the session host checkpoints: before each gated command it lets through, and after a burst of
// file writes (debounced, at most one per interval). Errors never stop the agent's command: they are
// reported once through `warn`, and the command runs.
import type { CheckpointMeta } from "./meta.ts";

export interface SchedulerOptions {
  take(trigger: string): CheckpointMeta | null;
  debounceMs: number;
  minIntervalMs: number;
  warn(message: string): void;
  now?: () => number;
}

export interface CheckpointScheduler {
  beforeCommand(argv: readonly string[]): void;
  filesChanged(): void;
  stop(): void;
}

export function checkpointScheduler(options: SchedulerOptions): CheckpointScheduler {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let lastBurst = Number.NEGATIVE_INFINITY;
  let warned = false;
  const take = (trigger: string) => {
    try {
      options.take(trigger);
    } catch (error) {
      if (!warned) options.warn(`hs: checkpoint failed (${(error as Error).message}); work continues without it`);
      warned = true;
    }
  };
  const burst = () => {
    timer = undefined;
    const wait = lastBurst + options.minIntervalMs - now();
    if (wait > 0) {
      timer = setTimeout(burst, wait);
      timer.unref();
      return;
    }
    lastBurst = now();
    take("files changed");
  };
  return {
    beforeCommand(argv) {
      take(argv.join(" "));
    },
    filesChanged() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(burst, options.debounceMs);
      timer.unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
