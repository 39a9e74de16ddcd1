// The server's core: request in, response out, no sockets. Order of checks: Host (DNS rebinding), /login,
// authentication, Origin, route, body (size, type, JSON, schema). The node:http adapter (http.ts) wraps it;
// tests call it directly. The actor is the operator unless a test overrides it, to show that refusals come
// from the operations' own guard, not from here.
import { HsError } from "../errors.ts";
import { OPERATOR, type Actor } from "../ops/actor.ts";
import type { Workspace } from "../registry/workspace.ts";
import type { FlightRecorder } from "../registry/flight-recorder.ts";
import { sessionCookie, type Auth } from "./auth.ts";
import { BASE_HEADERS, errorResponse, json, refuse } from "./respond.ts";
import { hostAllowed, isStateChanging, MAX_BODY_BYTES, originAllowed } from "./security.ts";
import { isResponse, matchRoute, validate, type Route } from "./router.ts";
import { ROUTES } from "./routes/index.ts";
import { servePage } from "./static.ts";
import type { HttpRequest, HttpResponse } from "./types.ts";

export interface CoreOptions {
  ws: Workspace;
  fr: FlightRecorder;
  auth: Auth;
  /** Host header values that name this server (security.ownHosts of the bound address). */
  hosts: () => Set<string>;
  /** Test-only: act as someone other than the operator. */
  actor?: Actor;
  pollMs?: number;
  routes?: readonly Route[];
}

export type Handler = (request: HttpRequest) => Promise<HttpResponse>;

export function createHandler(options: CoreOptions): Handler {
  return async (request) => {
    try {
      return await handle(options, request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const REDIRECT = (extra: Record<string, string> = {}): HttpResponse => ({
  kind: "empty",
  status: 303,
  headers: { ...BASE_HEADERS, location: "/", ...extra },
  body: "",
});

async function handle(options: CoreOptions, request: HttpRequest): Promise<HttpResponse> {
  const { headers } = request;
  const method = request.method.toUpperCase();
  const url = new URL(request.url, "http://server.invalid");
  const own = options.hosts();
  if (!hostAllowed(headers.host, own)) {
    const home = [...own][0];
    const next = home ? `xdg-open http://${home}/` : "hs ui --help";
    return refuse("HS-HTTP-HOST", `Host '${headers.host ?? ""}' is not this server`, next);
  }
  if (url.pathname === "/login" && method === "GET") {
    return login(options.auth, url.searchParams.get("token") ?? "", headers);
  }
  const via = options.auth.identify(headers);
  if (!via) {
    const why = "log in with the URL hs ui printed, or send the API token as a bearer token";
    return refuse("HS-HTTP-UNAUTHENTICATED", why, "hs ui --help");
  }
  if (!originAllowed(method, headers.origin, via, own)) {
    const why = `Origin '${headers.origin ?? "(none)"}' may not change state here`;
    return refuse("HS-HTTP-ORIGIN", why, "hs ui --help");
  }
  if (method === "GET" && !url.pathname.startsWith("/api/")) return servePage(url.pathname);
  const { route, pathMatched, params } = { params: {}, ...matchRoute(options.routes ?? ROUTES, method, url.pathname) };
  if (!route) {
    const why = `${pathMatched ? "method not allowed" : "no route"}: ${method} ${url.pathname}`;
    return refuse("HS-HTTP-NOT-FOUND", why, "hs ui --help", pathMatched ? 405 : 404);
  }
  const body = isStateChanging(method) ? readBody(request) : undefined;
  const query = validate(route.query, Object.fromEntries(url.searchParams), "query");
  const input = { params: params as { id: string }, query, body: validate(route.body, body, "body") };
  const actor = options.actor ?? OPERATOR;
  const ctx = { ws: options.ws, fr: options.fr, actor, pollMs: options.pollMs ?? 200, headers };
  const result = await route.handle(ctx, input);
  return isResponse(result) ? result : json(200, result);
}

/** A browser that is logged in already (the used link opened again) goes to the page; the token stays spent. */
function login(auth: Auth, token: string, headers: HttpRequest["headers"]): HttpResponse {
  if (auth.identify(headers) === "cookie") return REDIRECT();
  const cookie = token ? auth.exchange(token) : undefined;
  if (!cookie) {
    return refuse("HS-HTTP-UNAUTHENTICATED", "this login link is not valid or was used already", "hs ui --no-open");
  }
  return REDIRECT({ "set-cookie": sessionCookie(cookie) });
}

function readBody(request: HttpRequest): unknown {
  const text = request.body ?? "";
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new HsError("HS-HTTP-TOO-LARGE", `request body over ${MAX_BODY_BYTES} bytes`, { hint: "hs ui --help" });
  }
  if (!text.trim()) return {};
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    const why = `content-type '${type}' is not application/json`;
    throw new HsError("HS-HTTP-INVALID", why, { hint: "hs ui --help", details: { status: 415 } });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HsError("HS-HTTP-INVALID", `body: ${(error as Error).message}`, { hint: "hs ui --help" });
  }
}
