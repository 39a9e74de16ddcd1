// hs ui [--port N] [--host 127.0.0.1] [--no-open] [--json] [--allow-remote]: serves the Dev Command Center's
// API for the repository it runs in (one workspace per server) until Ctrl-C. The operation refuses it inside a
// session.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { parser, parseArgs } from "../args.ts";
import { printLines, warn } from "../output.ts";
import { HsError } from "../../errors.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { isLoopback, serveUiOp } from "../../server/index.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs ui")
      .option("port", { type: "number", default: 0, describe: "TCP port (0: any free port)" })
      .option("host", { type: "string", default: "127.0.0.1", describe: "address to bind; loopback unless --allow-remote" })
      .option("open", { type: "boolean", default: true, describe: "open the login URL in a browser (--no-open: never)" })
      .option("allow-remote", {
        type: "boolean",
        default: false,
        describe: "permit a non-loopback --host (anyone who can reach it sees the login page)",
      })
      .option("json", { type: "boolean", default: false, describe: "print one JSON line with the URLs and tokens" }),
  );
  if (!args) return;
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new HsError("HS-USAGE", `--port ${args.port} is not a TCP port`, { hint: "hs ui --port 4780" });
  }
  const ws = openWorkspace(process.cwd());
  try {
    const input = { host: args.host, port: args.port, allowRemote: args["allow-remote"] };
    const server = await serveUiOp(ws, currentActor(), input);
    if (!isLoopback(args.host)) warn(`serving on ${args.host}, reachable from other machines; traffic is not encrypted`);
    const info = {
      ...{ url: server.url, login_url: server.loginUrl, api_token: server.auth.apiToken },
      ...{ host: server.host, port: server.port, workspace: ws.loc.mainRoot, pid: process.pid },
    };
    if (args.json) process.stdout.write(JSON.stringify(info) + "\n");
    else {
      printLines([
        `hs ui: serving ${ws.loc.mainRoot}`,
        `  open (once): ${server.loginUrl}`,
        `  scripts:     curl -H 'Authorization: Bearer ${server.auth.apiToken}' ${server.url}api/v1/sessions`,
        "  stop:        Ctrl-C",
      ]);
    }
    if (args.open) openBrowser(server.loginUrl);
    await untilSignal();
    await server.close();
  } finally {
    ws.close();
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => (process.off("SIGINT", stop), process.off("SIGTERM", stop), resolve());
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Best effort: xdg-open when it is installed; never fails the command. */
function openBrowser(url: string): void {
  const dirs = (process.env.PATH ?? "").split(path.delimiter);
  const opener = dirs.map((dir) => path.join(dir, "xdg-open")).find((file) => isExecutable(file));
  if (!opener) return;
  try {
    const child = spawn(opener, [url], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // no browser is not an error: the URL is printed
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
