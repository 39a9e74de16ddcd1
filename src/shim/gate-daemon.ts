// `hs __gate-daemon --session ID --workspace DIR` (hidden): the session's decision process for shells with no
// session host (plain `eval "$(hs session env ID)"`), so a gated command costs a socket round trip, not a Node
// start. The shim's C client starts it on demand (detached, scrubbed environment) and talks to it over
// .handshake/sessions/<id>/gate/gate.sock: a folder only this user may enter, invisible inside every sandbox
// (.handshake is sealed there). It answers with the session host's own handler (src/sandbox/handlers.ts), so
// it decides, waits and checkpoints exactly as the host does, and it serves gate requests only.
// It exits when idle, when its session ends, when hs itself is rebuilt, or when its socket is taken over.
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { EXIT } from "../errors.ts";
import { getSession, isTerminal } from "../registry/sessions.ts";
import type { Workspace } from "../registry/workspace.ts";
import { openGateWorkspace } from "./gate-workspace.ts";
import { isolateFromShim } from "./entry.ts";
import { makeHandler } from "../sandbox/handlers.ts";
import { startDaemon, type Handler } from "../sandbox/daemon.ts";
import { takeCheckpoint } from "../checkpoints/index.ts";
import { SYSTEM } from "../ops/actor.ts";
import { packagePath } from "../package-root.ts";
import { gateDaemonDir } from "./render.ts";

const IDLE_MS = (Number(process.env.HS_GATE_DAEMON_IDLE_SECONDS) || 600) * 1000;
/** A session that ended still gets its refusals, from a daemon that does not linger. */
const ENDED_IDLE_MS = 5000;
const CHECK_MS = 1000;

/** The folder exists, is a real folder of this user, and nobody else may enter it. */
function prepareDir(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.()) return false;
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  return true;
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createConnection(socket);
    probe.once("connect", () => (probe.destroy(), resolve(true)));
    probe.once("error", () => resolve(false));
  });
}

function fileKey(file: string): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : "-";
}

function parse(argv: string[]): { sessionId: string; handshakeDir: string } | undefined {
  const session = argv.indexOf("--session");
  const workspace = argv.indexOf("--workspace");
  const sessionId = session >= 0 ? argv[session + 1] : undefined;
  const handshakeDir = workspace >= 0 ? argv[workspace + 1] : undefined;
  return sessionId && handshakeDir ? { sessionId, handshakeDir: path.resolve(handshakeDir) } : undefined;
}

export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) return EXIT.usage;
  const { sessionId, handshakeDir } = args;
  isolateFromShim(handshakeDir, sessionId);
  const dir = gateDaemonDir(handshakeDir, sessionId);
  if (!prepareDir(dir)) return EXIT.failure;
  // Bound through the opened folder: short (sun_path holds 108 bytes) and never through a swapped path.
  const dirFd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW);
  const socket = `/proc/self/fd/${dirFd}/gate.sock`;
  if (await answers(socket)) return EXIT.ok;

  const workspaces: Workspace[] = [];
  const configFile = path.join(handshakeDir, "workspace.json");
  const open = () => {
    const ws = openGateWorkspace(handshakeDir);
    workspaces.push(ws);
    const beforeAllow = (command: string[]) => {
      try {
        takeCheckpoint(ws, SYSTEM, { sessionId, trigger: command.join(" ") });
      } catch {
        // as in the host: a failed checkpoint never stops the command
      }
    };
    return { ws, key: fileKey(configFile), handler: makeHandler({ ws, sessionId, sandboxed: false, beforeAllow, clientWaits: true }) };
  };
  let current = open();
  const code = fileKey(packagePath("dist", "hs.js"));
  let rebuilt = false;
  let inFlight = 0;
  let lastRequest = Date.now();

  const handler: Handler = async (request, reply, gone) => {
    if (request.verb !== "gate") {
      reply.stderr(`hs: deny [gate.daemon-verb] the gate daemon answers gate requests only, not '${request.verb}'\n`);
      return EXIT.gate;
    }
    inFlight += 1;
    lastRequest = Date.now();
    try {
      // workspace.json changed (governance, command rules): decide with the new one, as `hs __gate` would.
      if (fileKey(configFile) !== current.key) current = open();
      return await current.handler(request, reply, gone);
    } finally {
      inFlight -= 1;
      lastRequest = Date.now();
      if (fileKey(packagePath("dist", "hs.js")) !== code) rebuilt = true;
    }
  };
  const daemon = await startDaemon(socket, handler);
  const ours = fs.statSync(socket).ino;

  return new Promise<number>((resolve) => {
    let closing = false;
    const stop = async (keepSocket: boolean) => {
      if (closing) return;
      closing = true;
      clearInterval(timer);
      // A socket another daemon bound in our place is theirs: leave it.
      await daemon.close({ keepSocket });
      for (const ws of workspaces) ws.close();
      resolve(EXIT.ok);
    };
    const timer = setInterval(() => {
      const now = fs.statSync(socket, { throwIfNoEntry: false });
      if (!now || now.ino !== ours || !fs.existsSync(configFile)) return void stop(true);
      if (inFlight > 0) return;
      const idle = Date.now() - lastRequest;
      let ended = false;
      try {
        ended = isTerminal(getSession(current.ws, sessionId).state);
      } catch {
        ended = true;
      }
      if (rebuilt || idle > IDLE_MS || (ended && idle > ENDED_IDLE_MS)) void stop(false);
    }, CHECK_MS);
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.once(signal, () => void stop(false));
  });
}
