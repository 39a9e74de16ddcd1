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

// A name any glob engine reads literally: the default ignore globs are "any folder named <name>" or a bare name.
const PLAIN_NAME = /^\.?[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

// One ignore glob as a test of a path or of the path as a folder (`path/_`), equal to micromatch's answer for both.
// "Any folder named <name>" is a segment test and a bare name an equality (no regex to compile on the start-up
// path); others are micromatch's regex: micromatch.matcher(glob)(path) is `path === glob || regex.test(path)`
// behind a per-call result object that cost ~25 us a call, and the walk asks for every entry.
function ignoreTest(glob: string): (relative: string) => boolean {
  const segment = /^\*\*\/(.+)\/\*\*$/.exec(glob)?.[1];
  if (segment !== undefined && PLAIN_NAME.test(segment)) return (relative) => relative.split("/").includes(segment);
  if (PLAIN_NAME.test(glob)) return (relative) => relative === glob;
  const regex = micromatch.makeRe(glob, { dot: true });
  const test = (candidate: string) => candidate === glob || regex.test(candidate);
  return (relative) => test(relative) || test(`${relative}/_`);
}

/** True for a path (or a folder whose contents) the ignore globs cover; folders are pruned, not walked. */
export function ignoreMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  if (!globs.length) return () => false;
  const tests = globs.map(ignoreTest);
  return (relative) => relative !== "" && tests.some((test) => test(relative));
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
