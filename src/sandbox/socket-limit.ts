// Per-session caps on the host socket (pure): two token buckets, requests and bytes, each refilled evenly
// over a minute and holding at most a minute's worth. A refusal is reported at most once a minute (with the
// count refused since the last report), so a flood costs the Flight Recorder one event, not one per request.

export interface SocketCaps {
  requestsPerMinute: number;
  bytesPerMinute: number;
}

export type Admission = { ok: true } | { ok: false; report: boolean; cap: "requests" | "bytes"; refusedSinceReport: number };

export class SocketBudget {
  private requests: number;
  private bytes: number;
  private last: number;
  private reportedAt = -Infinity;
  private unreported = 0;

  constructor(
    private readonly caps: SocketCaps,
    private readonly now: () => number = Date.now,
  ) {
    this.requests = caps.requestsPerMinute;
    this.bytes = caps.bytesPerMinute;
    this.last = now();
  }

  admit(size: number): Admission {
    const at = this.now();
    const elapsed = Math.max(0, at - this.last) / 60_000;
    this.last = at;
    this.requests = Math.min(this.caps.requestsPerMinute, this.requests + elapsed * this.caps.requestsPerMinute);
    this.bytes = Math.min(this.caps.bytesPerMinute, this.bytes + elapsed * this.caps.bytesPerMinute);
    const cap = this.requests < 1 ? "requests" : this.bytes < size ? "bytes" : null;
    if (cap === null) {
      this.requests -= 1;
      this.bytes -= size;
      return { ok: true };
    }
    this.unreported += 1;
    const report = at - this.reportedAt >= 60_000;
    const refusedSinceReport = this.unreported;
    if (report) {
      this.reportedAt = at;
      this.unreported = 0;
    }
    return { ok: false, report, cap, refusedSinceReport };
  }
}

export function refusalLine(cap: "requests" | "bytes", caps: SocketCaps): string {
  const what = cap === "requests" ? `${caps.requestsPerMinute} requests` : `${caps.bytesPerMinute} bytes`;
  const key = `limits.socket_${cap}_per_minute`;
  return (
    `hs: deny [host.rate-limit] this session sent more than ${what} per minute to its host; wait, then retry\n` +
    `  next: sleep 10   (the operator can raise ${key} in .handshake/workspace.json)\n`
  );
}
