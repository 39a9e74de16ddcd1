import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import path from "node:path";
import { childrenOf, getSession, sessionDir } from "../../../registry/sessions.ts";
import { homeLayerBytes } from "../../../sandbox/home-layer.ts";
import { listLocks } from "../../../sessions/locks.ts";
import { sessionJson, sessionLabel } from "../../../sessions/view.ts";
import { recoverCrashedSessions } from "../../../sandbox/recovery.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs session show <id>").demandCommand(1, "give a session id").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    recoverCrashedSessions(ws);
    const session = getSession(ws, String(args._[0]));
    const locks = listLocks(ws).filter((lock) => lock.session_id === session.id);
    const children = childrenOf(ws, session.id).map((child) => ({ id: child.id, state: child.state }));
    const homeLayer = { path: path.join(sessionDir(ws, session.id), "home-upper"), bytes: homeLayerBytes(sessionDir(ws, session.id)) };
    if (args.json) return printJson({ ...sessionJson(session), home_layer: homeLayer, locks, children });
    const view = sessionJson(session);
    printLines([
      `session ${session.id}: ${sessionLabel(session)}${session.stateReason ? ` (${session.stateReason})` : ""}`,
      ...Object.entries(view)
        .filter(([key]) => !["id", "state", "state_reason"].includes(key))
        .map(([key, value]) => `  ${key.padEnd(16)} ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value ?? "-")}`),
      `  home_layer       ${formatBytes(homeLayer.bytes)} in ${homeLayer.path}`,
      ...(locks.length ? [`  locks            ${locks.map((lock) => `${lock.lock_id}=${lock.glob}`).join(" ")}`] : []),
      ...(children.length ? [`  children         ${children.map((child) => `${child.id}(${child.state})`).join(" ")}`] : []),
    ]);
  } finally {
    ws.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
