// Who may talk to the server: a one-time login token (in the printed URL) exchanged for an HttpOnly,
// SameSite=Strict cookie holding a random session secret, or a separate API token sent as a bearer token.
// Secrets live in this process only; comparisons are constant-time over their hashes.
import crypto from "node:crypto";

export const COOKIE_NAME = "hs_dcc";

const secret = () => crypto.randomBytes(32).toString("base64url");
const digest = (text: string) => crypto.createHash("sha256").update(text).digest();
const same = (a: string, b: string) => crypto.timingSafeEqual(digest(a), digest(b));

export interface Auth {
  /** For the URL printed by hs ui; usable once. */
  readonly loginToken: string;
  /** For scripts: `Authorization: Bearer <apiToken>`. */
  readonly apiToken: string;
  /** Consumes the login token and returns a new cookie secret, or undefined when the token is wrong or used. */
  exchange(token: string): string | undefined;
  /** How the request authenticated, if it did. */
  identify(headers: Record<string, string | undefined>): "cookie" | "bearer" | undefined;
}

export function createAuth(tokens: { login?: string; api?: string } = {}): Auth {
  let login: string | undefined = tokens.login ?? secret();
  const api = tokens.api ?? secret();
  const cookies: string[] = [];
  return {
    loginToken: login,
    apiToken: api,
    exchange(token) {
      if (login === undefined || !same(token, login)) return undefined;
      login = undefined;
      const value = secret();
      cookies.push(value);
      return value;
    },
    identify(headers) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
      if (bearer !== undefined && same(bearer, api)) return "bearer";
      const cookie = readCookie(headers.cookie, COOKIE_NAME);
      if (cookie !== undefined && cookies.some((value) => same(cookie, value))) return "cookie";
      return undefined;
    },
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

export function sessionCookie(value: string): string {
  return `${COOKIE_NAME}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}
