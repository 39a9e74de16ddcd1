// Short ids the operator can type: a prefix and 8 hex characters (collisions are checked by the primary key).
import crypto from "node:crypto";

export function newId(prefix: "ap" | "gr"): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}
