// Pure checks of the local server's boundary: which Host and Origin values are its own, and which bind
// addresses count as loopback. Effects (sockets, cookies) live in http.ts and auth.ts.
import { isIP } from "node:net";

export const MAX_BODY_BYTES = 64 * 1024;
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * Host header values naming this server: its bound address, and the loopback names when bound there. Bound to
 * a wildcard (--allow-remote with 0.0.0.0 or ::), the machine's own addresses and name (given, to stay pure).
 */
export function ownHosts(
  host: string,
  port: number,
  local: { addresses: string[]; hostname: string } = NO_LOCAL,
): Set<string> {
  const names = new Set([hostPort(host, port)]);
  const wildcard = WILDCARDS.has(host);
  const loopback = isLoopback(host) || wildcard;
  if (loopback) for (const name of ["127.0.0.1", "localhost", "::1"]) names.add(hostPort(name, port));
  if (wildcard) for (const name of [...local.addresses, local.hostname]) if (name) names.add(hostPort(name, port));
  return names;
}

const NO_LOCAL = { addresses: [], hostname: "" };

function hostPort(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, "");
  return `${isIP(bare) === 6 ? `[${bare}]` : bare}:${port}`.toLowerCase();
}

export function hostAllowed(header: string | undefined, own: Set<string>): boolean {
  return header !== undefined && own.has(header.trim().toLowerCase());
}

export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

/**
 * A present Origin must be this server's own, on every request. A state-changing request with a cookie must
 * carry one (browsers always send it on POST); a script with a bearer token may omit it.
 */
export function originAllowed(
  method: string,
  origin: string | undefined,
  via: "cookie" | "bearer",
  own: Set<string>,
): boolean {
  if (origin === undefined) return !(isStateChanging(method) && via === "cookie");
  const match = /^http:\/\/([^/]+)$/i.exec(origin.trim());
  return match?.[1] !== undefined && own.has(match[1].toLowerCase());
}
