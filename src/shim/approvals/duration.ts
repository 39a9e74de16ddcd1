// `--ttl` values: a number of seconds, or a number with s/m/h/d ("90s", "10m", "24h", "7d").
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const satisfies Record<string, number>;

/** Seconds, or undefined when the text is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] || "s") as keyof typeof UNIT_SECONDS];
  return seconds > 0 && Number.isFinite(seconds) ? Math.round(seconds) : undefined;
}

export function formatAge(fromIso: string, now = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}
