// --since values: an ISO/RFC 3339 time, or a duration back from now (30s, 10m, 2h, 1d, 1w).
import { HsError } from "../errors.ts";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const satisfies Record<string, number>;

/** Returns the instant as the stored timestamp format (toISOString, UTC) so it compares as text. */
export function parseSince(text: string, now: number = Date.now()): string {
  const duration = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (duration) return new Date(now - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]).toISOString();
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(time)) {
    throw new HsError("HS-USAGE", `--since '${text}' is neither an ISO time nor a duration like 10m, 2h, 1d`, { hint: "hs log --since 10m" });
  }
  return new Date(time).toISOString();
}
