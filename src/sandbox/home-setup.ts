// Everything the host builds for a session's home before it starts the sandbox: the overlay's folders
// (checked by a probe mount; fail closed), the sanitized git global config, and the hidden paths.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { sessionDir } from "../registry/sessions.ts";
import { worktreesRoot } from "../registry/config-values.ts";
import { homeLayerPaths, prepareHomeLayer, type HomeLayer } from "./home-layer.ts";
import { writeGitGlobal } from "./git-global.ts";
import type { HomeMounts } from "./profile.ts";

export interface SessionHome {
  layer: HomeLayer;
  mounts: HomeMounts;
  droppedGitKeys: string[];
}

export function hiddenHomePaths(home: string, entries: readonly string[]): HomeMounts["hidden"] {
  const out: HomeMounts["hidden"] = [];
  for (const entry of entries) {
    const file = path.join(home, entry);
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    // A symlink is hidden as a file: binding over it never follows it out of the home.
    if (stat) out.push({ path: file, dir: stat.isDirectory() });
  }
  return out;
}

export function xdgGitConfig(home: string, env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, ".config");
  return path.join(xdg, "git", "config");
}

/** Sandboxed sessions only; throws HS-HOME-LAYER when the layer cannot be built (nothing runs then). */
export function setupSessionHome(ws: Workspace, session: SessionRecord, env: NodeJS.ProcessEnv = process.env): SessionHome {
  const dir = sessionDir(ws, session.id);
  const home = env.HOME ? path.resolve(env.HOME) : "";
  const layer = homeLayerPaths(dir, home);
  const cacheDir = path.join(ws.loc.handshakeDir, "cache");
  prepareHomeLayer(layer, session.id, [ws.loc.mainRoot, worktreesRoot(ws.loc.mainRoot, ws.config)], cacheDir);
  const git = writeGitGlobal(dir, env, cacheDir);
  const mounts: HomeMounts = {
    home,
    mount: layer.mount,
    hidden: hiddenHomePaths(home, ws.config.sandbox.home_hidden),
    gitGlobal: { sanitized: git.sanitized, empty: git.empty, userFile: path.join(home, ".gitconfig"), xdgFile: xdgGitConfig(home, env) },
    ids: layer.ids,
  };
  return { layer, mounts, droppedGitKeys: git.dropped };
}
