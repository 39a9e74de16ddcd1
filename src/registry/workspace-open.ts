// Opening the workspace on a hot path (session start, merge-back): a workspace.json this build already validated
// byte for byte is used as remembered, and the schema (zod) is loaded only when the file is new or changed.
import { locateWorkspace } from "./locate.ts";
import { readConfigText, rememberedConfig } from "./config-cache.ts";
import { bindWorkspace, type Workspace } from "./workspace-index.ts";

export async function openWorkspaceAsync(cwd: string = process.cwd()): Promise<Workspace> {
  const loc = locateWorkspace(cwd);
  const text = readConfigText(loc.handshakeDir);
  const config = (text === null ? null : rememberedConfig(loc.handshakeDir, text)) ?? (await import("./config.ts")).loadConfig(loc.handshakeDir);
  return bindWorkspace(loc, config);
}
