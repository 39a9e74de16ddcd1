// The server's request/response shapes, independent of node:http so routes are tested by injection.
import type { Workspace } from "../registry/workspace.ts";
import type { FlightRecorder } from "../registry/flight-recorder.ts";
import type { Actor } from "../ops/actor.ts";

export interface HttpRequest {
  method: string;
  /** Path and query, as in the request line. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface JsonResponse {
  kind: "json" | "html" | "empty";
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Server-Sent Events: `open` starts writing frames and returns the function that stops it. */
export interface StreamResponse {
  kind: "stream";
  status: 200;
  headers: Record<string, string>;
  open(write: (frame: string) => void): () => void;
}

export type HttpResponse = JsonResponse | StreamResponse;

/** What every route sees: the one workspace handle, the Flight Recorder reader and who acts. */
export interface RouteContext {
  ws: Workspace;
  fr: FlightRecorder;
  actor: Actor;
  pollMs: number;
  headers: Record<string, string | undefined>;
}
