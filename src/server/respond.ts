// JSON responses and the mapping of refusals to HTTP statuses. Every body passes the Flight Recorder's
// redactor: whatever an operation returns, no secret-shaped value leaves the server.
import { EXIT, HsError, type ErrorCode } from "../errors.ts";
import { redactValue } from "../registry/redact.ts";
import type { JsonResponse } from "./types.ts";

/** Headers on every response; no Access-Control-* header is ever sent (no CORS). */
export const BASE_HEADERS: Record<string, string> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): JsonResponse {
  return {
    kind: "json",
    status,
    headers: { ...BASE_HEADERS, "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(redactValue(value)),
  };
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  "HS-HTTP-UNAUTHENTICATED": 401,
  "HS-HTTP-HOST": 403,
  "HS-HTTP-ORIGIN": 403,
  "HS-HTTP-TOO-LARGE": 413,
  "HS-HTTP-INVALID": 400,
  "HS-HTTP-NOT-FOUND": 404,
  // a hook said no: the request was understood and is refused as it stands
  "HS-VCS-COMMIT-REFUSED": 422,
};

const BY_EXIT: Record<number, number> = {
  [EXIT.usage]: 400,
  [EXIT.notFound]: 404,
  [EXIT.conflict]: 409,
  [EXIT.blocked]: 409,
  [EXIT.gate]: 403,
  [EXIT.failure]: 500,
};

export function httpStatus(error: HsError): number {
  const given = error.code.startsWith("HS-HTTP-") ? error.details?.status : undefined;
  if (typeof given === "number") return given;
  return HTTP_STATUS[error.code] ?? BY_EXIT[error.exitCode] ?? 500;
}

export function errorResponse(error: unknown, status?: number): JsonResponse {
  const hsError =
    error instanceof HsError
      ? error
      : new HsError("HS-INTERNAL", error instanceof Error ? error.message : String(error), { hint: "hs doctor" });
  return json(status ?? httpStatus(hsError), hsError.toJSON());
}

export function refuse(code: ErrorCode, message: string, hint: string, status?: number): JsonResponse {
  return errorResponse(new HsError(code, message, { hint }), status);
}
