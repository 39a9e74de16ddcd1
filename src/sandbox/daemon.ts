// The host's unix socket server: one request per connection, reply frames streamed back. The handler
// gets an AbortSignal that fires when the client goes away (Ctrl-C in the session withdraws a wait).
import fs from "node:fs";
import net from "node:net";
import { exitFrame, frame, parseRequest, type HostRequest } from "./protocol.ts";

export interface ReplyStream {
  stdout(text: string | Buffer): void;
  stderr(text: string | Buffer): void;
}

export type Handler = (request: HostRequest, reply: ReplyStream, gone: AbortSignal) => Promise<number>;

const MAX_REQUEST = 4 * 1024 * 1024;
/** How long close() lets withdrawn waits notice (they poll every ~200 ms). */
const CLOSE_GRACE_MS = 2000;

function settled(promises: Promise<unknown>[], ms: number): Promise<void> {
  if (!promises.length) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([Promise.allSettled(promises).then(() => undefined), deadline]).finally(() => clearTimeout(timer));
}

export interface Daemon {
  path: string;
  /** keepSocket: the socket file is left in place (another server bound that path since). */
  close(options?: { keepSocket?: boolean }): Promise<void>;
}

/** Decides whether a request of this many bytes is served; returns the refusal text when it is not. */
export type Admit = (bytes: number) => string | null;

export function startDaemon(socketPath: string, handler: Handler, admit: Admit = () => null): Promise<Daemon> {
  fs.rmSync(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  // In-flight requests: close() withdraws their waits and lets them finish while the workspace is still open.
  const inFlight = new Map<AbortController, Promise<unknown>>();
  // allowHalfOpen: the client half-closes after its request; the reply still has to go out.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let size = 0;
    const gone = new AbortController();
    let answered = false;
    socket.on("close", () => {
      sockets.delete(socket);
      if (!answered) gone.abort();
    });
    socket.on("error", () => undefined);
    socket.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST) socket.destroy();
      else chunks.push(chunk);
    });
    socket.on("end", () => {
      const write = (data: Buffer) => {
        if (!socket.destroyed) socket.write(data);
      };
      const reply: ReplyStream = { stdout: (text) => write(frame("O", text)), stderr: (text) => write(frame("E", text)) };
      const refused = admit(size);
      if (refused !== null) {
        reply.stderr(refused);
        answered = true;
        socket.end(exitFrame(77));
        return;
      }
      let request: HostRequest;
      try {
        request = parseRequest(Buffer.concat(chunks));
      } catch (error) {
        reply.stderr(`hs: deny [host-protocol] ${(error as Error).message}\n`);
        answered = true;
        socket.end(exitFrame(77));
        return;
      }
      const handled = handler(request, reply, gone.signal).then(
        (code) => {
          answered = true;
          if (!socket.destroyed) socket.end(exitFrame(code));
        },
        (error: unknown) => {
          answered = true;
          reply.stderr(`hs: deny [host-internal] ${(error as Error).message}\n  next: hs doctor\n`);
          if (!socket.destroyed) socket.end(exitFrame(77));
        },
      );
      inFlight.set(gone, handled);
      void handled.finally(() => inFlight.delete(gone));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      fs.chmodSync(socketPath, 0o600);
      resolve({
        path: socketPath,
        close: async (options = {}) => {
          for (const gone of inFlight.keys()) gone.abort();
          await settled([...inFlight.values()], CLOSE_GRACE_MS);
          await new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
            if (!options.keepSocket) fs.rmSync(socketPath, { force: true });
          });
        },
      });
    });
  });
}
