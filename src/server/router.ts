// Route table matching and input validation. A route declares its zod schemas; a request that does not match
// them is answered 400 with `path: message` lines before the route runs.
import type { z } from "zod";
import { HsError } from "../errors.ts";
import type { HttpResponse, RouteContext } from "./types.ts";

export interface RouteInput<Q, B> {
  /** Path parameters; every parameterised route here names its one parameter `:id`. */
  params: { id: string };
  query: Q;
  body: B;
}

export interface Route<Q = unknown, B = unknown> {
  method: "GET" | "POST";
  path: string;
  summary: string;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  handle(ctx: RouteContext, input: RouteInput<Q, B>): unknown;
}

/** Declares a route with its schemas' types flowing into the handler. */
export function route<Q = Record<string, never>, B = undefined>(definition: Route<Q, B>): Route {
  return definition as unknown as Route;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string) {
  let pathMatched = false;
  for (const candidate of routes) {
    const params = matchPath(candidate.path, pathname);
    if (!params) continue;
    pathMatched = true;
    if (candidate.method === method) return { route: candidate, params };
  }
  return { route: undefined, pathMatched };
}

function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? "";
    if (part.startsWith(":")) {
      if (!value) return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (part !== value) return undefined;
  }
  return params;
}

export function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: "query" | "body"): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${[where, ...issue.path].join(".")}: ${issue.message}`);
  throw new HsError("HS-HTTP-INVALID", problems.join("; "), { hint: "hs ui --help", details: { problems } });
}

export function isResponse(value: unknown): value is HttpResponse {
  return typeof value === "object" && value !== null && "kind" in value && "status" in value && "headers" in value;
}
