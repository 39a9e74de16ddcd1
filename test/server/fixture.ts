// A real initialised repository with sessions s1 -> c1 and s2 (through the real CLI), the workspace handle and
// Flight Recorder reader the server holds, and an in-process handler with known tokens.
import { expect } from "vitest";
import { openWorkspace, type Workspace } from "../../src/registry/workspace.ts";
import { openFlightRecorder, type FlightRecorder, type FrEvent } from "../../src/registry/flight-recorder.ts";
import { createAuth } from "../../src/server/auth.ts";
import { createHandler, type Handler } from "../../src/server/handler.ts";
import { ownHosts } from "../../src/server/security.ts";
import type { Actor } from "../../src/ops/actor.ts";
import type { HttpRequest, HttpResponse } from "../../src/server/types.ts";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "../sessions/helpers.ts";

export const PORT = 4780;
export const HOST = `127.0.0.1:${PORT}`;
export const ORIGIN = `http://${HOST}`;
export const API_TOKEN = "api-token-for-tests-0123456789";
export const LOGIN_TOKEN = "login-token-for-tests-0123456789";

export interface ServerFixture {
  repo: TempRepo;
  ws: Workspace;
  fr: FlightRecorder;
  handler(actor?: Actor): Handler;
  cleanup(): void;
}

export function serverFixture(
  sessions: Array<[string, string | null]> = [["s1", null], ["c1", "s1"], ["s2", null]],
  prepare?: (repo: TempRepo) => void,
): ServerFixture {
  const repo = initRepo();
  prepare?.(repo);
  for (const [id, parent] of sessions) {
    const created = hs(["session", "create", "--id", id, "--scope", "src/**", ...(parent ? ["--parent", parent] : [])], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
  }
  const ws = openWorkspace(repo.root);
  const fr = openFlightRecorder(ws.loc.handshakeDir, { create: false });
  return {
    repo,
    ws,
    fr,
    handler: (actor) =>
      createHandler({ ws, fr, actor, auth: createAuth({ login: LOGIN_TOKEN, api: API_TOKEN }), hosts: () => ownHosts("127.0.0.1", PORT), pollMs: 50 }),
    cleanup() {
      fr.close();
      ws.close();
      repo.cleanup();
    },
  };
}

/** A script's request: bearer token, own Host, JSON body. */
export function api(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): HttpRequest {
  return {
    method,
    url,
    headers: { host: HOST, authorization: `Bearer ${API_TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

export function bodyOf(response: HttpResponse): any {
  if (response.kind === "stream") throw new Error("a stream has no body");
  return response.body ? JSON.parse(response.body) : undefined;
}

/** The events appended after `seq`, optionally of one type. */
export function eventsAfter(fr: FlightRecorder, seq: number, type?: string): FrEvent[] {
  return fr.query({ after_seq: seq, type });
}
