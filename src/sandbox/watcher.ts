// The session's worktree watched per directory (dir-watch.ts): coalesced `files.changed` summaries, and
// `scope.violation` at once (event + a line in the session's terminal) for a write outside IN_SCOPE_PATHS or in
// a governance path.
import micromatch from "micromatch";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { createPathMatcher, isGovernancePath } from "../scope/index.ts";
import { ChangeSummary, type ChangeKind } from "./change-summary.ts";
import { watchTree } from "./dir-watch.ts";

export interface SessionWatcher {
  ready: Promise<void>;
  /** Called right before the session's process starts: see TreeWatcher.reportSince. */
  reportSince(ms: number): void;
  close(): Promise<void>;
}

export interface WatcherOptions {
  flushMs?: number;
  notify(line: string): void;
  /** Every file event, for burst checkpoints (debounced by the caller). */
  onChange?: (relativePath: string) => void;
}

/** True for a path (or a folder whose contents) the ignore globs cover; folders are pruned, not walked. */
export function ignoreMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  if (!globs.length) return () => false;
  const tests = globs.map((glob) => micromatch.matcher(glob, { dot: true }));
  const test = (candidate: string) => tests.some((matches) => matches(candidate));
  return (relative) => relative !== "" && (test(relative) || test(`${relative}/_`));
}

/** Starts watching at once (the start-up walk continues in batches); throws only when nothing can be watched. */
export function watchSession(ws: Workspace, session: SessionRecord, options: WatcherOptions): SessionWatcher {
  const root = session.worktree;
  // hs's own state and git's never count as the session's writes (the registry's -wal files change all the time).
  const ignored = ignoreMatcher([...ws.config.watcher.ignore, ".git", ".handshake"]);
  // A lock session shares its worktree: the sandbox already confines its writes to the scope, and a change
  // elsewhere is the operator's or another session's, so it is not reported as this session's violation.
  const attributable = session.isolation === "worktree";
  const inScope = createPathMatcher(session.scope);
  const summary = new ChangeSummary();
  const reported = new Set<string>();
  const onEvent = (kind: ChangeKind, relative: string) => {
    if (!attributable && !inScope(relative)) return;
    summary.add(kind, relative);
    options.onChange?.(relative);
    if (kind === "addDir" || kind === "unlinkDir") return;
    const governance = isGovernancePath(relative, ws.config.governance_paths);
    if (!attributable || (!governance && inScope(relative))) return;
    // Once per path and kind of harm: creating a file and writing it arrive as two kernel events (add, change).
    const key = `${kind === "unlink" ? "unlink" : "write"}:${relative}`;
    if (reported.has(key)) return;
    reported.add(key);
    const reason = governance ? "governance path" : "outside IN_SCOPE_PATHS";
    options.notify(`hs: scope violation: ${kind} ${relative} (${reason}); merge-back will refuse it: undo it or ask the operator to widen the scope`);
    ws.record({ type: "scope.violation", actor: "agent", session_id: session.id, wp_id: session.wp, mt_id: session.mt, payload: { path: relative, event: kind, reason, scope: session.scope } });
  };
  let failed = false;
  const watcher = watchTree(root, {
    ignored,
    onEvent,
    // Out of inotify watches (fs.inotify.max_user_watches) or similar: said once, the session keeps running.
    onError: (error) => (failed ? undefined : ((failed = true), options.notify(`hs: file watcher degraded: ${error.message}`))),
  });
  const flush = () => {
    const payload = summary.flush();
    if (payload) ws.record({ type: "files.changed", actor: "agent", session_id: session.id, wp_id: session.wp, mt_id: session.mt, payload });
  };
  const timer = setInterval(flush, options.flushMs ?? 2000);
  timer.unref();
  return {
    ready: watcher.ready,
    reportSince: (ms) => watcher.reportSince(ms),
    async close() {
      // The start-up walk finishes first: a folder it had not reached yet still holds writes to report.
      await watcher.ready;
      clearInterval(timer);
      watcher.close();
      flush();
    },
  };
}
