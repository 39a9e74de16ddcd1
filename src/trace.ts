// HS_TRACE=1: one stderr line per traced step, in ms since the process started, for finding where time goes.
// Off by default and costs one env read; never part of a command's output contract.
const enabled = Boolean(process.env.HS_TRACE);

export function trace(label: string, sinceMs?: number): void {
  if (!enabled) return;
  const now = performance.now();
  process.stderr.write(`hs-trace ${now.toFixed(1)}ms ${label}${sinceMs === undefined ? "" : ` (${(now - sinceMs).toFixed(1)} ms)`}\n`);
}

export const traceOn = enabled;
