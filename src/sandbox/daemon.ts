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

export interface Daemon {
  path: string;
  close(): Promise<void>;
}

/** Decides whether a request of this many bytes is served; returns the refusal text when it is not. */
export type Admit = (bytes: number) => string | null;

export function startDaemon(socketPath: string, handler: Handler, admit: Admit = () => null): Promise<Daemon> {
  fs.rmSync(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
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
      handler(request, reply, gone.signal).then(
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
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      fs.chmodSync(socketPath, 0o600);
      resolve({
        path: socketPath,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
            fs.rmSync(socketPath, { force: true });
          }),
      });
    });
  });
}
