// The page's only way to the server: same-origin fetch with the login cookie. A refusal becomes an ApiFailure
// carrying the server's stable code, its reason and the pasteable next command.
import type { ApiError } from "../server/api-types.ts";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string | undefined,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
  }
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiFailure(0, "HS-UI-OFFLINE", `the hs ui server did not answer (${(error as Error).message})`, "hs ui", undefined);
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed as ApiError | undefined)?.error;
    throw new ApiFailure(response.status, error?.code ?? `HTTP-${response.status}`, error?.message ?? text, error?.hint, error?.details);
  }
  return parsed as T;
}

const inFlight = new Map<string, Promise<unknown>>();

/** Identical GETs in flight share one request (the shell's inbox count and the inbox page ask at once). */
export function get<T>(path: string): Promise<T> {
  const running = inFlight.get(path);
  if (running) return running as Promise<T>;
  const request = call<T>("GET", path).finally(() => inFlight.delete(path));
  inFlight.set(path, request);
  return request;
}
export const post = <T>(path: string, body: unknown = {}) => call<T>("POST", path, body);

/** `?a=1&b=x` from the defined entries only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : "";
}

export const enc = encodeURIComponent;
