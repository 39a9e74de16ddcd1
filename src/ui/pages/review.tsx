// Review (version control) per target, a session worktree or main: changed files with status, the diff of one
// file (unified or side by side), the checked paths as the staging state, commit of exactly those paths, their
// discard through an inbox approval, and (for a session) merge-back dry run and apply.
import { useEffect, useState } from "preact/hooks";
import type { CommitResult, MergeBackSummary, RevertAsk, SessionList, VcsDiff, VcsStatus } from "./types.ts";
import { enc, post, query } from "../api.ts";
import { useAction, useResource } from "../hooks.ts";
import { Link, navigate } from "../router.tsx";
import { Empty, Failure, Field, Loading } from "../components/common.tsx";
import { DiffView } from "../components/diff-view.tsx";
import { MergeReport } from "../components/merge-report.tsx";
import { loadPref, savePref } from "../prefs.ts";
import { escapeControls } from "../format.ts";

const LETTER: Record<string, string> = { modified: "M", added: "A", deleted: "D", renamed: "R", untracked: "?", type_changed: "T", conflicted: "U" };

export function ReviewPage({ target }: { target?: string }) {
  const sessions = useResource<SessionList>("/api/v1/sessions", (e) => e.type === "session.created" || e.type === "session.closed");
  const candidates = (sessions.data?.groups.flatMap((g) => g.sessions) ?? []).filter((s) => s.worktree && !s.closed_at);
  const chosen = target ?? candidates[0]?.id;
  return (
    <section>
      <div class="page-head">
        <h1>Review</h1>
        <label>
          Worktree{" "}
          <select value={chosen ?? ""} onChange={(e) => navigate(`/review/${enc(e.currentTarget.value)}`)}>
            {chosen === undefined && <option value="">choose…</option>}
            {candidates.map((s) => (
              <option value={s.id}>
                session {s.id} ({s.state})
              </option>
            ))}
            <option value="main">main checkout</option>
          </select>
        </label>
      </div>
      <Failure error={sessions.error} />
      {chosen ? <TargetReview key={chosen} target={chosen} /> : sessions.data ? <Empty command="hs session create --scope 'src/**'">No session worktree to review. Create a session, or choose the main checkout.</Empty> : <Loading what="sessions" />}
    </section>
  );
}

function TargetReview({ target }: { target: string }) {
  const status = useResource<VcsStatus>(`/api/v1/vcs/status${query({ target })}`, (e) => e.session_id === target || /^(vcs|files\.changed|merge_back|approval\.decided|session_checkpoint_restored)/.test(e.type));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<string>();
  const [mode, setMode] = useState<"unified" | "split">(() => loadPref("review", { mode: "unified" as "unified" | "split" }).mode);
  const [message, setMessage] = useState("");
  const [committed, setCommitted] = useState<CommitResult>();
  const [revert, setRevert] = useState<RevertAsk>();
  const [merge, setMerge] = useState<MergeBackSummary>();
  const action = useAction();
  const files = status.data?.files ?? [];
  useEffect(() => {
    // Paths that are no longer changed leave the selection (after a commit, a revert, a restore).
    const present = new Set(files.flatMap((f) => [f.path, ...(f.old_path ? [f.old_path] : [])]));
    setSelected((current) => new Set([...current].filter((p) => present.has(p))));
    if (focus && !present.has(focus)) setFocus(files[0]?.path);
    if (!focus && files[0]) setFocus(files[0].path);
  }, [status.data]);
  const pathsOf = (paths: Set<string>) => files.filter((f) => paths.has(f.path)).flatMap((f) => (f.old_path ? [f.old_path, f.path] : [f.path]));
  const toggle = (path: string) => setSelected((s) => (s.has(path) ? (s.delete(path), new Set(s)) : new Set(s.add(path))));
  const setModePref = (next: "unified" | "split") => (setMode(next), savePref("review", { mode: next }));

  const commit = async () => {
    const result = await action.run(() => post<CommitResult>("/api/v1/vcs/commit", { target, paths: pathsOf(selected), message }));
    if (result) (setCommitted(result), setMessage(""), setSelected(new Set()), status.reload());
  };
  const discard = async () => {
    const ask = await action.run(() => post<RevertAsk>("/api/v1/vcs/revert", { target, paths: pathsOf(selected), reason: "discard from the Review page" }));
    if (ask) setRevert(ask);
  };
  const mergeBack = async (apply: boolean) => {
    const result = await action.run(() => post<MergeBackSummary>(`/api/v1/sessions/${enc(target)}/merge-back`, { apply }));
    if (result) setMerge(result);
  };

  if (status.error) return <Failure error={status.error} />;
  if (!status.data) return <Loading what="changed files" />;
  return (
    <div class="review">
      <p class="sub">
        branch <code>{status.data.branch ?? "(detached)"}</code> at <code>{status.data.head?.slice(0, 12) ?? "no commit"}</code>
      </p>
      <div class="review-grid">
        <section aria-labelledby="files-h" class="files">
          <h2 id="files-h">
            Changed files <span class="lane-count">{files.length}</span>
          </h2>
          {files.length === 0 ? (
            <Empty>Nothing changed in this worktree.</Empty>
          ) : (
            <>
              <label class="check">
                <input
                  type="checkbox"
                  checked={selected.size === files.length}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(files.map((f) => f.path)) : new Set())}
                />{" "}
                select all ({selected.size} selected)
              </label>
              <ul class="file-list" data-testid="files">
                {files.map((f) => (
                  <li key={`${f.status}:${f.path}`} class={f.path === focus ? "focus" : ""} data-path={f.path}>
                    <input type="checkbox" checked={selected.has(f.path)} onChange={() => toggle(f.path)} aria-label={`select ${f.path}`} />
                    <span class={`st st-${f.status}`} title={f.status}>
                      {LETTER[f.status] ?? "?"}
                    </span>
                    <button class="link-button" onClick={() => setFocus(f.path)} aria-pressed={f.path === focus}>
                      {escapeControls(f.old_path ? `${f.old_path} → ${f.path}` : f.path)}
                    </button>
                    {f.binary && <span class="sub"> binary</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <form class="commit-form" onSubmit={(e) => (e.preventDefault(), void commit())}>
            <Field label="Commit message">
              <textarea rows={3} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
            </Field>
            <div class="actions">
              <button class="primary" type="submit" disabled={action.busy || !selected.size || !message.trim()}>
                Commit {selected.size} selected
              </button>
              <button type="button" class="danger" disabled={action.busy || !selected.size} onClick={() => void discard()}>
                Discard selected…
              </button>
            </div>
          </form>
          <Failure error={action.error} />
          {committed && (
            <p class="ok-note" role="status" data-testid="committed">
              Committed <code>{committed.commit.slice(0, 12)}</code> ({committed.paths.length} paths); message artifact <code>{committed.artifact}</code>.
            </p>
          )}
          {committed && committed.index_behind.length > 0 && (
            <p class="notice" data-testid="index-behind">
              The worktree's own index was left untouched and still holds the old version of {committed.index_behind.map(escapeControls).join(", ")}: until it is
              aligned, <code>git status</code> and merge-back count them as changed. Align it where the worktree is used:{" "}
              <code>git reset -q -- {committed.index_behind.map(escapeControls).join(" ")}</code>
            </p>
          )}
          {revert && (
            <div class="ok-note" role="status">
              Discarding needs an approval: <Link href={`/approvals/${enc(revert.request_id)}`}>request {revert.request_id}</Link>.{" "}
              {revert.preview.entries.length} entr{revert.preview.entries.length === 1 ? "y" : "ies"} could be lost.
            </div>
          )}
          {target !== "main" && (
            <section aria-labelledby="merge-h">
              <h2 id="merge-h">Merge back</h2>
              <div class="actions">
                <button disabled={action.busy} onClick={() => void mergeBack(false)}>
                  Dry run
                </button>
                <button class="primary" disabled={action.busy || merge?.status !== "clean"} onClick={() => void mergeBack(true)}>
                  Apply
                </button>
              </div>
              {merge && <MergeReport summary={merge} />}
            </section>
          )}
        </section>
        <section aria-labelledby="diff-h" class="diff-pane">
          <div class="page-head">
            <h2 id="diff-h">{focus ? escapeControls(focus) : "Diff"}</h2>
            <div role="group" aria-label="Diff layout" class="actions">
              <button aria-pressed={mode === "unified"} onClick={() => setModePref("unified")}>
                Unified
              </button>
              <button aria-pressed={mode === "split"} onClick={() => setModePref("split")}>
                Side by side
              </button>
            </div>
          </div>
          {focus ? <FileDiff target={target} path={focus} mode={mode} /> : <Empty>Choose a file.</Empty>}
        </section>
      </div>
    </div>
  );
}

function FileDiff({ target, path, mode }: { target: string; path: string; mode: "unified" | "split" }) {
  const diff = useResource<VcsDiff>(`/api/v1/vcs/diff${query({ target, path })}`, (e) => e.session_id === target && e.type === "files.changed");
  if (diff.error) return <Failure error={diff.error} />;
  if (!diff.data) return <Loading what="the diff" />;
  const d = diff.data;
  if (d.binary) return <p class="notice">Binary file ({d.status}): not shown as text.</p>;
  return (
    <>
      {d.truncated && <p class="notice">Large file: the diff is cut at the server's limit. See the rest with <code>git diff -- {path}</code> in the worktree.</p>}
      {d.patch.trim() ? <DiffView patch={d.patch} path={path} mode={mode} /> : <p class="notice">No textual change ({d.status}).</p>}
    </>
  );
}
