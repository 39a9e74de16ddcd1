// Listing a session is "looking at it": crashed hosts are noticed here (the sandbox module does the work).
import type { Workspace } from "../../../registry/workspace.ts";

export async function recoverIfAvailable(ws: Workspace): Promise<void> {
  try {
    const recovery = (await import("../../../sandbox/recovery.ts")) as { recoverCrashedSessions?: (ws: Workspace) => void };
    recovery.recoverCrashedSessions?.(ws);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
  }
}
