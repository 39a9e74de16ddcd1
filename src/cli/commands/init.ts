// hs init [--worktrees-dir DIR] [--json]: the workspace (.handshake/, lead's initWorkspace), then the hooks.
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines, warn } from "../output.ts";
import { locateRepo } from "../../registry/locate.ts";
import { initWorkspace } from "../../registry/workspace.ts";
import { installHooks } from "../../install/install.ts";
import { trackedStateFiles } from "../../install/tracked.ts";
import { hsVersion } from "../../install/version.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs init")
      .option("worktrees-dir", { type: "string", describe: "where session worktrees go (default: a sibling <repo>.hs/)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  if (process.env.HS_SESSION_ID) {
    throw new HsError("HS-OPERATOR-ONLY", "hs init changes the repository's hook setup; it is an operator action", { hint: `hs init   # from the operator's own shell, outside session ${process.env.HS_SESSION_ID}` });
  }
  const loc = locateRepo(process.cwd());
  const { created, restored, config, workspace } = initWorkspace(loc, { worktreesDir: args["worktrees-dir"], cwd: process.cwd() });
  try {
    const hooks = installHooks(loc, hsVersion());
    if (hooks.changed) {
      workspace.record({
        type: "hooks.installed",
        actor: "human",
        payload: { hooks_dir: hooks.record.hooks_dir, chain_dir: hooks.record.chain_dir, chain_kind: hooks.record.chain_kind, previous_hooks_path: hooks.record.previous_hooks_path, written: hooks.written.length, removed: hooks.removed },
      });
    }
    const tracked = trackedStateFiles(loc.mainRoot);
    for (const file of tracked) warn(`${file} is tracked by git but .handshake/ outside gov/ is local state; untrack it: git rm --cached -- '${file}'`);
    const result = {
      initialised: created,
      restored: restored ? { workspace_id: restored.workspace_id, sources: restored.sources } : null,
      hooks_changed: hooks.changed,
      main_root: loc.mainRoot,
      handshake_dir: loc.handshakeDir,
      workspace_id: config.workspace_id,
      worktrees_dir: config.worktrees_dir,
      hooks_dir: hooks.record.hooks_dir,
      chained: { kind: hooks.record.chain_kind, dir: hooks.record.chain_dir, previous_hooks_path: hooks.record.previous_hooks_path },
      tracked_state_files: tracked,
    };
    if (args.json) return printJson(result);
    printLines([
      restored
        ? `restored ${loc.handshakeDir}/workspace.json with workspace id ${restored.workspace_id} (from ${restored.sources.join(", ")}); policy settings are the defaults: review them`
        : created
          ? `hs initialised in ${loc.mainRoot}`
          : `hs already initialised in ${loc.mainRoot}${hooks.changed ? " (hooks updated)" : "; nothing changed"}`,
      `  hooks: ${hooks.record.hooks_dir} (core.hooksPath), chaining ${hooks.record.chain_kind} hooks in ${hooks.record.chain_dir}`,
      `  sessions: hs session create --scope 'GLOB'`,
    ]);
  } finally {
    workspace.close();
  }
}
