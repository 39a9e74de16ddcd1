// hs uninstall [--purge] [--json]: restore the hook setup exactly as before hs init; keep .handshake/ unless --purge.
import fs from "node:fs";
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines, warn } from "../output.ts";
import { locateRepo } from "../../registry/locate.ts";
import { uninstallHooks } from "../../install/uninstall.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs uninstall")
      .option("purge", { type: "boolean", default: false, describe: "also delete .handshake/ (registry, Flight Recorder, artifacts)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const loc = locateRepo(process.cwd());
  if (process.env.HS_SESSION_ID) {
    throw new HsError("HS-OPERATOR-ONLY", "hs uninstall is an operator action", { hint: `run it from a shell outside session ${process.env.HS_SESSION_ID}` });
  }
  const initialised = fs.existsSync(loc.handshakeDir);
  const result = uninstallHooks(loc);
  if (!result.installed && !initialised) {
    throw new HsError("HS-NOT-INSTALLED", `hs is not installed in ${loc.mainRoot}`, { hint: `hs init  (in ${loc.mainRoot})` });
  }
  if (initialised) await recordRemoval(loc.handshakeDir, result, args.purge);
  if (args.purge && initialised) {
    const { removeIgnoreRules } = await import("../../registry/ignore-rules.ts");
    fs.rmSync(loc.handshakeDir, { recursive: true, force: true });
    removeIgnoreRules(loc.commonDir);
  }
  for (const warning of result.warnings) warn(warning);
  const hooksPath = result.hooksPath === "left" ? "left unchanged" : result.hooksPath === null ? "unset" : `'${result.hooksPath}'`;
  if (args.json) return printJson({ hooks_removed: result.removed, hooks_kept: result.kept, core_hooks_path: result.hooksPath, purged: args.purge && initialised, warnings: result.warnings });
  printLines([
    result.installed ? `hs hooks removed (${result.removed.length} files); core.hooksPath ${hooksPath}` : "hs hooks were not installed",
    args.purge ? `.handshake/ deleted` : `.handshake/ kept (registry and Flight Recorder); delete it too with: hs uninstall --purge`,
  ]);
}

async function recordRemoval(handshakeDir: string, result: ReturnType<typeof uninstallHooks>, purge: boolean): Promise<void> {
  try {
    const { recordEvent } = await import("../../registry/flight-recorder.ts");
    if (result.installed) recordEvent(handshakeDir, { type: "hooks.removed", actor: "human", payload: { removed: result.removed.length, kept: result.kept, core_hooks_path: result.hooksPath } });
    recordEvent(handshakeDir, { type: "workspace.uninstalled", actor: "human", payload: { purge } });
    const { closeCachedRecorders } = await import("../../registry/flight-recorder.ts");
    closeCachedRecorders();
  } catch (error) {
    warn(`could not record the uninstall in the Flight Recorder: ${(error as Error).message}`);
  }
}
