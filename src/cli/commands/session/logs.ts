// hs session logs ID [--follow] [--json]: what a background host (hs session run --detach, hs session resume)
// wrote to .handshake/sessions/<id>/session.log. --follow prints new output until the host ends or Ctrl-C.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { parser, parseArgs } from "../../args.ts";
import { printJson } from "../../output.ts";
import { openWorkspace, type Workspace } from "../../../registry/workspace.ts";
import { getSession } from "../../../registry/sessions.ts";
import { sessionLogPath } from "../../../sandbox/detach.ts";
import { getHostRecord, hostIsAlive } from "../../../sandbox/host-record.ts";
import { terminalSafe } from "../../terminal-safe.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session logs <id>")
      .demandCommand(1, "give a session id")
      .option("follow", { alias: "f", type: "boolean", default: false, describe: "keep printing new output until the session's host ends (or Ctrl-C)" })
      .option("json", { type: "boolean", default: false, describe: "{session_id, log, text}; JSON Lines of {text} with --follow" })
      .option("interval", { type: "number", default: 200, hidden: true, describe: "poll interval for --follow, ms" }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = getSession(ws, String(args._[0])).id;
    const log = sessionLogPath(ws, id);
    const safe = (text: string) => (process.stdout.isTTY ? terminalSafe(text) : text);
    if (!args.follow) {
      const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
      if (args.json) return printJson({ session_id: id, log, text });
      if (!text) process.stderr.write(`hs: session ${id} has no background output yet (${log})\n`);
      return void process.stdout.write(safe(text));
    }
    await follow(ws, id, log, args.interval, (text) => process.stdout.write(args.json ? JSON.stringify({ text }) + "\n" : safe(text)));
  } finally {
    ws.close();
  }
}

/** Prints the log and what is appended to it; returns once the host has ended and everything is printed. */
function follow(ws: Workspace, id: string, log: string, interval: number, print: (text: string) => void): Promise<void> {
  const decoder = new StringDecoder("utf8");
  let offset = 0;
  const drain = (): void => {
    if (!fs.existsSync(log)) return;
    const fd = fs.openSync(log, "r");
    try {
      const buffer = Buffer.alloc(1 << 16);
      for (let read = fs.readSync(fd, buffer, 0, buffer.length, offset); read > 0; read = fs.readSync(fd, buffer, 0, buffer.length, offset)) {
        offset += read;
        const text = decoder.write(buffer.subarray(0, read));
        if (text) print(text);
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (error) reject(error);
      else resolve();
    };
    const stop = () => finish();
    const poll = () => {
      try {
        const record = getHostRecord(ws, id);
        const ended = record !== undefined && !hostIsAlive(record);
        drain();
        if (ended) {
          process.stderr.write(`hs: session ${id}: host ended${record.exitCode === null ? "" : ` (exit ${record.exitCode})`}\n`);
          return finish();
        }
        timer = setTimeout(poll, interval);
      } catch (error) {
        finish(error);
      }
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    poll();
  });
}
