// hs uninstall [--purge] [--json]: restore the hook setup exactly as before hs init; keep .handshake/ unless --purge.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines, warn } from "../output.ts";
import { locateRepo } from "../../registry/locate.ts";
import { uninstallHooks } from "../../install/uninstall.ts";
import { shQuote } from "../../shim/shell-quote.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs uninstall")
      .option("purge", { type: "boolean", default: false, describe: "also delete .handshake/ (registry, Flight Recorder, artifacts); the log is exported first" })
      .option("force", { type: "boolean", default: false, describe: "uninstall even though sessions are open or hold unmerged work (their worktrees and branches stay)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const loc = locateRepo(process.cwd());
  if (process.env.HS_SESSION_ID) {
    throw new HsError("HS-OPERATOR-ONLY", "hs uninstall is an operator action", { hint: `hs uninstall   # from the operator's own shell, outside session ${process.env.HS_SESSION_ID}` });
  }
  const initialised = fs.existsSync(loc.handshakeDir);
  const { openSessions } = await import("../../install/uninstall-guard.ts");
  const open = await openSessions(loc);
  if (open.length && !args.force) {
    const lines = open.map((s) => `${s.id} (${s.state}${s.worktree ? `, ${s.worktree}` : ""})${s.lost.length ? `: ${s.lost.join("; ")}` : ""}`);
    throw new HsError("HS-UNINSTALL-OPEN-SESSIONS", `${open.length} session(s) are not closed; nothing was changed:\n  ${lines.join("\n  ")}`, {
      hint: `hs session close ${shQuote(open[0]!.id)}   # each in turn; or keep them and remove hs anyway: hs uninstall --force${args.purge ? " --purge" : ""}`,
      details: { sessions: open },
    });
  }
  const result = uninstallHooks(loc);
  if (!result.installed && !initialised) {
    throw new HsError("HS-NOT-INSTALLED", `hs is not installed in ${loc.mainRoot}`, { hint: `cd ${shQuote(loc.mainRoot)} && hs init` });
  }
  if (initialised) await recordRemoval(loc.handshakeDir, result, args.purge);
  // exported after the removal is recorded, so the file ends with it
  const exported = args.purge && initialised ? await exportLog(loc) : null;
  if (args.purge && initialised) {
    const { removeIgnoreRules } = await import("../../registry/ignore-rules.ts");
    fs.rmSync(loc.handshakeDir, { recursive: true, force: true });
    removeIgnoreRules(loc.commonDir);
  }
  for (const warning of result.warnings) warn(warning);
  const hooksPath = result.hooksPath === "left" ? "left unchanged" : result.hooksPath === null ? "unset" : `'${result.hooksPath}'`;
  if (args.json) {
    return printJson({ hooks_removed: result.removed, hooks_kept: result.kept, core_hooks_path: result.hooksPath, purged: args.purge && initialised, flight_recorder_export: exported, open_sessions: open, warnings: result.warnings });
  }
  printLines([
    result.installed ? `hs hooks removed (${result.removed.length} files); core.hooksPath ${hooksPath}` : "hs hooks were not installed",
    ...open.map((s) => `  left open: session ${s.id} (${s.state}); worktree and hs/${s.id}/ branches kept`),
    args.purge ? `.handshake/ deleted; the Flight Recorder was exported to ${exported} first` : `.handshake/ kept (registry and Flight Recorder); delete it too with: hs uninstall --purge`,
  ]);
}

/** The audit log outlives a purge: every event as canonical JSON lines, in the common git dir (not the work tree). */
async function exportLog(loc: ReturnType<typeof locateRepo>): Promise<string | null> {
  const { flightRecorderPath, openFlightRecorder } = await import("../../registry/flight-recorder.ts");
  if (!fs.existsSync(flightRecorderPath(loc.handshakeDir))) return null;
  const file = path.join(loc.commonDir, `hs-flight-recorder-${new Date().toISOString().replace(/[-:.]/g, "")}.jsonl`);
  const fr = openFlightRecorder(loc.handshakeDir, { create: false });
  try {
    fr.exportJsonl(file);
    fr.close();
    return file;
  } catch (error) {
    fr.close();
    throw new HsError("HS-DB", `could not export the Flight Recorder to ${file}; .handshake/ was not deleted: ${(error as Error).message}`, { cause: error, hint: "hs log verify" });
  }
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
