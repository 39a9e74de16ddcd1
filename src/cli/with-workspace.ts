// The CLI's one way to run a command against the workspace it stands in: opened for the call, always closed.
import { openWorkspace, type Workspace } from "../registry/workspace.ts";

export async function withWorkspace<T>(work: (ws: Workspace) => T | Promise<T>): Promise<T> {
  const ws = openWorkspace(process.cwd());
  try {
    return await work(ws);
  } finally {
    ws.close();
  }
}
