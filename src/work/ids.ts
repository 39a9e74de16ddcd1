// Work packet and micro-task ids: they name folders under .handshake/gov/ and appear in branch-free places only.
import { HsError } from "../errors.ts";

const WP_ID = /^WP-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MT_ID = /^MT-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ANCHOR_ID = /^AN-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function check(kind: string, pattern: RegExp, id: string, example: string): string {
  if (!pattern.test(id) || id.includes("..") || id.endsWith(".")) {
    throw new HsError("HS-WORK-ID-INVALID", `'${id}' is not a valid ${kind} id (${pattern.source})`, { hint: example });
  }
  return id;
}

export const checkWpId = (id: string) => check("work packet", WP_ID, id, "hs wp create --id WP-1-auth --title 'Auth'");
export const checkMtId = (id: string) => check("micro-task", MT_ID, id, "hs mt list");
export const checkAnchorId = (id: string) => check("anchor", ANCHOR_ID, id, "hs anchor list");

/** The next free numbered id (`WP-3`, `MT-007`) after the highest number already used with that prefix. */
export function nextId(
  prefix: "WP" | "MT" | "AN",
  existing: readonly string[],
  width = prefix === "MT" ? 3 : 1,
): string {
  const used = existing
    .map((id) => new RegExp(`^${prefix}-(\\d+)$`).exec(id)?.[1])
    .filter((n): n is string => n !== undefined);
  const next = used.reduce((max, n) => Math.max(max, Number(n)), 0) + 1;
  return `${prefix}-${String(next).padStart(width, "0")}`;
}
