// Builds the policy's GateContext for one invocation: one `git config` read (aliases and the few keys
// that change what a command does), the worktree list from the common dir, governance and overrides.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { gitBinary, runGitSync } from "../git/index.ts";
import { envWithoutRepoOverrides } from "../registry/locate.ts";
import type { GateContext } from "./policy/index.ts";
import { fsExists, fsRealpathLongestPrefix } from "./policy/realpath.ts";
import { configMemo, type ConfigRead } from "./config-memo.ts";

// Keys (as git lower-cases them) whose persistent value changes the meaning of a command.
const CONFIG_KEYS = /^(alias\..*|pull\.rebase|pull\.ff|clean\.requireforce|remote\..*\.(mirror|push)|branch\..*\.rebase|push\.default|core\.hookspath|rebase\..*)$/;

// The session host and the gate daemon decide many commands: one git spawn per decision is most of their cost.
export const gitConfigMemo = configMemo(gitBinary);

export function readGitConfig(worktree: string, env: NodeJS.ProcessEnv): ConfigRead {
  const repoEnv = envWithoutRepoOverrides(env);
  return gitConfigMemo.read(worktree, repoEnv, () => spawnGitConfig(worktree, repoEnv));
}

function spawnGitConfig(worktree: string, env: NodeJS.ProcessEnv): ConfigRead {
  const result = runGitSync({ args: ["config", "-z", "--get-regexp", CONFIG_KEYS.source], cwd: worktree, env });
  const aliases: Record<string, string> = {};
  const config: Record<string, string> = {};
  if (result.code !== 0) return { aliases, config };
  for (const entry of result.stdout.split("\0")) {
    if (!entry) continue;
    const newline = entry.indexOf("\n");
    const key = (newline < 0 ? entry : entry.slice(0, newline)).toLowerCase();
    const value = newline < 0 ? "true" : entry.slice(newline + 1);
    if (key.startsWith("alias.")) aliases[key.slice("alias.".length)] = value;
    else config[key] = value;
  }
  return { aliases, config };
}

/** Every worktree root: the main checkout plus each <common>/worktrees/<name>/gitdir (what `git worktree list` reads). */
export function listWorktrees(mainRoot: string, commonDir = path.join(mainRoot, ".git")): string[] {
  const roots = new Set([mainRoot]);
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.join(commonDir, "worktrees"));
  } catch {
    names = [];
  }
  for (const name of names) {
    try {
      const gitFile = fs.readFileSync(path.join(commonDir, "worktrees", name, "gitdir"), "utf8").trim();
      if (gitFile) roots.add(path.dirname(path.resolve(commonDir, "worktrees", name, gitFile)));
    } catch {
      // a half-removed worktree entry: git itself skips it too
    }
  }
  return [...roots].map((root) => fsRealpathLongestPrefix(root));
}

function realCwd(cwd: string): string {
  try {
    return fs.realpathSync(cwd);
  } catch {
    return fsRealpathLongestPrefix(path.resolve(cwd));
  }
}

export function buildGateContext(ws: Workspace, session: SessionRecord, argv: string[], cwd: string, env: NodeJS.ProcessEnv, privateTmp = false): GateContext {
  const { aliases, config } = readGitConfig(session.worktree, env);
  return {
    argv,
    cwd: realCwd(cwd),
    env: { ...env },
    session: { id: session.id, worktree: session.worktree, gitDir: session.gitDir, scope: session.scope, isolation: session.isolation, privateTmp },
    repo: { mainRoot: ws.loc.mainRoot, commonDir: ws.loc.commonDir, handshakeDir: ws.loc.handshakeDir, worktrees: listWorktrees(ws.loc.mainRoot, ws.loc.commonDir) },
    governance: ws.config.governance_paths,
    aliases,
    config,
    realpath: fsRealpathLongestPrefix,
    exists: fsExists,
    ruleOverrides: ws.config.command_rules,
  };
}
