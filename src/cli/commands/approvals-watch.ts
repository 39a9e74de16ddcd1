// hs approvals --watch: the inbox redrawn whenever it changes (polled every 500 ms); a new request rings the
// terminal bell and, where notify-send exists, raises a desktop notification. Ctrl-C ends it.
import { spawn } from "node:child_process";
import { openWorkspace } from "../../registry/workspace.ts";
import { resolveRealBinary } from "../../shim/resolve-binary.ts";
import { argvText } from "../../shim/approvals/view.ts";
import { displaySafe } from "../../display/escape.ts";
import type { ApprovalRequest } from "../../shim/approvals/types.ts";
import { inboxLines, readInbox } from "./approvals.ts";

const POLL_MS = 500;

function notify(request: ApprovalRequest): void {
  const binary = resolveRealBinary("notify-send", process.env.PATH ?? "");
  if (!binary) return;
  const child = spawn(binary, ["--app-name=hs", `hs: approval requested by ${request.sessionId}`, `${argvText(request.argv)}\n${displaySafe(request.reason)}`], {
    stdio: "ignore",
    detached: true,
  });
  child.on("error", () => undefined);
  child.unref();
}

export async function watch(options: { all: boolean }): Promise<number> {
  const ws = openWorkspace(process.cwd());
  const tty = process.stdout.isTTY === true;
  const seen = new Set<string>();
  let last = "";
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    for (let first = true; !stopped; first = false) {
      const inbox = readInbox(ws, options.all);
      const arrived = inbox.requests.filter((request) => request.status === "pending" && !seen.has(request.id));
      for (const request of inbox.requests) seen.add(request.id);
      const pending = inbox.requests.filter((request) => request.status === "pending").length;
      const header = `hs approvals --watch: ${pending} pending (${new Date().toISOString().slice(11, 19)}; Ctrl-C to stop)`;
      const body = inboxLines(inbox, options.all).join("\n");
      if (body !== last || arrived.length) {
        last = body;
        const bell = arrived.length && !first && tty ? "\u0007" : "";
        process.stdout.write(`${tty ? "\u001b[2J\u001b[H" : "\n"}${header}\n\n${body}\n${bell}`);
        if (!first) arrived.forEach(notify);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return 0;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    ws.close();
  }
}
