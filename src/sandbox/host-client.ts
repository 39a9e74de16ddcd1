// Node side of the host socket, for hooks and hs code running inside a session (no yargs, no zod).
//   recordViaHost(event)        a hook's Flight Recorder write when the registry is read-only
//   gateViaHost(tool, args)     the shim's slow path in Node (the C client is the fast way to do this)
import net from "node:net";
import { encodeRequest, parseReply, type HostReply, type HostRequest } from "./protocol.ts";

export function hostSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.HS_HOST_SOCKET || undefined;
}

/** Sends one request; stderr frames are passed to onStderr as they arrive (approval waits print early). */
export function askHost(socketPath: string, request: HostRequest, onStderr?: (text: string) => void): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let streamed = 0;
    const socket = net.createConnection(socketPath);
    socket.on("connect", () => socket.end(encodeRequest(request)));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (!onStderr) return;
      const all = Buffer.concat(chunks);
      // Emit complete stderr frames seen so far.
      let at = streamed;
      for (;;) {
        const newline = all.indexOf(10, at);
        const match = newline < 0 ? null : /^([OEX]) (\d+)$/.exec(all.subarray(at, newline).toString());
        if (!match || match[1] === "X") break;
        const end = newline + 1 + Number(match[2]);
        if (end > all.length) break;
        if (match[1] === "E") onStderr(all.subarray(newline + 1, end).toString("utf8"));
        at = end;
      }
      streamed = at;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(parseReply(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Appends an FR event through the session host. Throws when the host refuses or cannot be reached. */
export async function recordViaHost(event: { type: string; payload: Record<string, unknown> }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const socketPath = hostSocket(env);
  if (!socketPath) throw new Error("HS_HOST_SOCKET is not set");
  const reply = await askHost(socketPath, { verb: "event", cwd: process.cwd(), type: event.type, payload: JSON.stringify(event.payload) });
  if (reply.code !== 0) throw new Error(`session host refused the event: ${reply.stderr.trim()}`);
}

/** The whole slow path through the host: stderr streamed, returns the exit code (0 = run the real binary). */
export async function gateViaHost(tool: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const socketPath = hostSocket(env);
  if (!socketPath) return refuse("HS_HOST_SOCKET is not set");
  const plainEnv = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  try {
    const reply = await askHost(socketPath, { verb: "gate", cwd: process.cwd(), tool, argv: args, env: plainEnv }, (text) => process.stderr.write(text));
    return reply.code;
  } catch (error) {
    return refuse((error as Error).message);
  }
}

function refuse(why: string): number {
  process.stderr.write(`hs: deny [host-unreachable] ${why}; the session host is not answering\n`);
  return 77;
}
