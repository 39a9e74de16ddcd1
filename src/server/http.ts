// The node:http adapter around the core handler: binds, reads bodies with a hard cap (413 before parsing),
// writes JSON/HTML, and runs SSE streams until the client goes away. One workspace per server.
import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import type { Workspace } from "../registry/workspace.ts";
import { openFlightRecorder } from "../registry/flight-recorder.ts";
import type { Actor } from "../ops/actor.ts";
import { createAuth, type Auth } from "./auth.ts";
import { createHandler, type Handler } from "./handler.ts";
import { refuse } from "./respond.ts";
import { MAX_BODY_BYTES, ownHosts } from "./security.ts";
import type { HttpRequest, HttpResponse } from "./types.ts";

export interface StartOptions {
  ws: Workspace;
  host: string;
  port: number;
  pollMs?: number;
  /** Test-only, see handler.ts. */
  actor?: Actor;
  tokens?: { login?: string; api?: string };
}

export interface RunningServer {
  host: string;
  port: number;
  auth: Auth;
  url: string;
  loginUrl: string;
  handler: Handler;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const fr = openFlightRecorder(options.ws.loc.handshakeDir, { create: false });
  const auth = createAuth(options.tokens);
  let port = options.port;
  const local = {
    addresses: Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address)),
    hostname: os.hostname(),
  };
  const hosts = () => ownHosts(options.host, port, local);
  const handler = createHandler({ ws: options.ws, fr, auth, hosts, actor: options.actor, pollMs: options.pollMs });
  const streams = new Set<() => void>();
  const server = http.createServer((req, res) => void serve(handler, req, res, streams));
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  return {
    host: options.host,
    port,
    auth,
    url: `${base}/`,
    loginUrl: `${base}/login?token=${auth.loginToken}`,
    handler,
    async close() {
      for (const stop of streams) stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fr.close();
    },
  };
}

async function serve(handler: Handler, req: http.IncomingMessage, res: http.ServerResponse, streams: Set<() => void>) {
  const body = await readCapped(req);
  const response: HttpResponse =
    body === undefined
      ? refuse("HS-HTTP-TOO-LARGE", `request body over ${MAX_BODY_BYTES} bytes`, "hs ui --help")
      : await handler({ method: req.method ?? "GET", url: req.url ?? "/", headers: headersOf(req), body });
  if (response.kind !== "stream") {
    res.writeHead(response.status, { ...response.headers, ...(body === undefined ? { connection: "close" } : {}) });
    res.end(response.body);
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  const stop = response.open((frame) => res.write(frame));
  const end = () => (stop(), streams.delete(end), res.end());
  streams.add(end);
  req.on("close", end);
}

/** The body as text, or undefined once it passes the cap (the rest is not read). */
function readCapped(req: http.IncomingMessage): Promise<string | undefined> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(undefined));
  });
}

function headersOf(req: http.IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}
