// One session: its facts, the spawn tree, the steering verbs (pause / resume / cancel with the cascade shown
// first / close / merge-back), its live output, its checkpoints with restore, and a handoff form.
import { useState } from "preact/hooks";
import type { CheckpointMeta, MergeBackSummary, SessionDetail, SpawnTree } from "./types.ts";
import { enc, post } from "../api.ts";
import { useAction, useNow, useResource } from "../hooks.ts";
import { Link } from "../router.tsx";
import { Dialog, Empty, Failure, Field, Loading, StateBadge } from "../components/common.tsx";
import { TerminalView } from "../components/terminal.tsx";
import { HandoffForm } from "./forms.tsx";
import { MergeReport } from "../components/merge-report.tsx";
import { budgetText, elapsed } from "./sessions.tsx";
import { escapeControls, shortTime } from "../format.ts";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** Every descendant still live: what a cancel takes down with the session. */
export function liveDescendants(tree: SpawnTree): SpawnTree[] {
  return tree.children.flatMap((child) => [...(TERMINAL.has(child.state) ? [] : [child]), ...liveDescendants(child)]);
}

function TreeView({ node, current }: { node: SpawnTree; current: string }) {
  return (
    <li>
      {node.id === current ? <strong>{node.id}</strong> : <Link href={`/sessions/${enc(node.id)}`}>{node.id}</Link>} <StateBadge state={node.state} />
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TreeView node={child} current={current} />
          ))}
        </ul>
      )}
    </li>
  );
}

type Verb = "pause" | "resume" | "cancel" | "close" | "merge" | "restore" | undefined;

export function SessionPage({ id }: { id: string }) {
  const mine = (e: { session_id: string | null; type: string }) => e.session_id === id || e.type.startsWith("session.");
  const session = useResource<SessionDetail>(`/api/v1/sessions/${enc(id)}`, mine);
  const tree = useResource<SpawnTree>(`/api/v1/sessions/${enc(id)}/tree`, (e) => e.type.startsWith("session."));
  const checkpoints = useResource<{ checkpoints: CheckpointMeta[] }>(`/api/v1/sessions/${enc(id)}/checkpoints`, (e) => e.session_id === id && e.type.startsWith("session_checkpoint"));
  const now = useNow();
  const [verb, setVerb] = useState<Verb>();
  const [restoreN, setRestoreN] = useState<number>();
  const action = useAction();
  const [reason, setReason] = useState("");
  const [discard, setDiscard] = useState(false);
  const [merge, setMerge] = useState<MergeBackSummary>();
  const [result, setResult] = useState<string>();
  const s = session.data;
  if (session.error) return <Failure error={session.error} />;
  if (!s) return <Loading what={`session ${id}`} />;
  const cascade = tree.data ? liveDescendants(tree.data) : [];
  const done = (text: string) => (setVerb(undefined), setReason(""), setResult(text));
  const withReason = reason.trim() ? { reason: reason.trim() } : {};

  const run = {
    pause: () => action.run(() => post(`/api/v1/sessions/${enc(id)}/pause`, withReason)).then((r) => r && done("paused")),
    resume: () => action.run(() => post(`/api/v1/sessions/${enc(id)}/resume`, {})).then((r) => r && done("resumed")),
    cancel: () =>
      action.run(() => post<{ cancelled: string[] }>(`/api/v1/sessions/${enc(id)}/cancel`, withReason)).then((r) => r && done(`cancelled: ${r.cancelled.join(", ")}`)),
    close: () =>
      action.run(() => post(`/api/v1/sessions/${enc(id)}/close`, { discard, ...withReason })).then((r) => r && done("closed")),
    dryRun: () => action.run(() => post<MergeBackSummary>(`/api/v1/sessions/${enc(id)}/merge-back`, { apply: false })).then((r) => r && setMerge(r)),
    apply: () =>
      action.run(() => post<MergeBackSummary>(`/api/v1/sessions/${enc(id)}/merge-back`, { apply: true })).then((r) => r && (setMerge(r), r.applied && done(`merged into ${r.target_ref}`))),
    restore: () =>
      action
        .run(() => post<{ written: number; removed: number }>(`/api/v1/sessions/${enc(id)}/checkpoints/restore`, { n: restoreN }))
        .then((r) => r && done(`restored checkpoint ${restoreN}: ${r.written} written, ${r.removed} removed`)),
  };
  const open = (next: Verb) => (action.clear(), setReason(""), setVerb(next));
  const live = !TERMINAL.has(s.state);

  return (
    <section class="session-page">
      <div class="page-head">
        <h1>
          Session {s.id} <StateBadge state={s.state} />
          {s.degraded && <span class="badge tone-bad">degraded: {s.degraded_reason ?? "no sandbox"}</span>}
        </h1>
      </div>
      {result && (
        <p class="ok-note" role="status">
          {result}
        </p>
      )}
      <dl class="facts">
        <dt>Work</dt>
        <dd>
          {s.wp ? <Link href={`/wp/${enc(s.wp)}`}>{s.wp}</Link> : "—"}
          {s.mt && (
            <>
              {" / "}
              <Link href={`/mt/${enc(s.mt)}`}>{s.mt}</Link>
            </>
          )}
        </dd>
        <dt>Role</dt>
        <dd>
          {s.role}
          {s.agent ? ` · ${s.agent}` : ""}
          {s.model ? ` · ${s.model}` : ""}
        </dd>
        <dt>Branch</dt>
        <dd>
          <code>{s.branch ?? "—"}</code> → <code>{s.target ?? "—"}</code>
        </dd>
        <dt>Scope</dt>
        <dd>
          <code>{s.scope.join(", ") || "—"}</code>
        </dd>
        <dt>Spawn depth</dt>
        <dd>
          {s.spawn_depth}
          {s.parent && (
            <>
              {" "}
              (parent <Link href={`/sessions/${enc(s.parent)}`}>{s.parent}</Link>)
            </>
          )}
        </dd>
        <dt>Elapsed</dt>
        <dd>{elapsed(s, now)}</dd>
        <dt>Budget</dt>
        <dd>{budgetText(s)}</dd>
        <dt>Pending approvals</dt>
        <dd>{s.pending_approvals ? <Link href={`/approvals?session=${enc(s.id)}`}>{s.pending_approvals}</Link> : "0"}</dd>
        {s.state_reason && (
          <>
            <dt>Reason</dt>
            <dd>{escapeControls(s.state_reason)}</dd>
          </>
        )}
      </dl>
      <div class="actions" role="group" aria-label="Steer the session">
        <button disabled={!live || s.state === "paused"} onClick={() => open("pause")}>
          Pause
        </button>
        <button disabled={s.state !== "paused"} onClick={() => open("resume")}>
          Resume
        </button>
        <button class="danger" disabled={!live} onClick={() => open("cancel")}>
          Cancel…
        </button>
        <button disabled={!!s.closed_at || s.isolation !== "worktree"} onClick={() => open("merge")}>
          Merge back…
        </button>
        <button disabled={!!s.closed_at} onClick={() => open("close")}>
          Close…
        </button>
        {s.worktree && !s.closed_at && (
          <Link class="button" href={`/review/${enc(s.id)}`}>
            Review changes
          </Link>
        )}
      </div>

      <Dialog open={verb === "pause" || verb === "resume"} title={`${verb === "pause" ? "Pause" : "Resume"} ${s.id}`} onClose={() => setVerb(undefined)}>
        <p>{verb === "pause" ? "Stops the session's process tree (SIGSTOP) after a checkpoint." : "Continues the stopped process tree."}</p>
        {verb === "pause" && (
          <Field label="Reason (optional)">
            <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
        )}
        <Failure error={action.error} />
        <div class="actions">
          <button class="primary" disabled={action.busy} onClick={verb === "pause" ? run.pause : run.resume}>
            {verb === "pause" ? "Pause" : "Resume"}
          </button>
          <button onClick={() => setVerb(undefined)}>Back</button>
        </div>
      </Dialog>

      <Dialog open={verb === "cancel"} title={`Cancel ${s.id}`} onClose={() => setVerb(undefined)}>
        <p data-testid="cascade">
          {cascade.length
            ? `This also cancels ${cascade.length} live descendant${cascade.length === 1 ? "" : "s"}: ${cascade.map((c) => c.id).join(", ")}.`
            : "No live descendants: only this session is cancelled."}
        </p>
        <Field label="Reason (optional)">
          <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <Failure error={action.error} />
        <div class="actions">
          <button class="danger" disabled={action.busy} onClick={run.cancel}>
            Cancel {cascade.length ? `${cascade.length + 1} sessions` : "the session"}
          </button>
          <button onClick={() => setVerb(undefined)}>Back</button>
        </div>
      </Dialog>

      <Dialog open={verb === "close"} title={`Close ${s.id}`} onClose={() => setVerb(undefined)}>
        <p>Removes the worktree and branch. Refused when unmerged work would be lost, unless you discard it (backup refs are kept).</p>
        <label class="check">
          <input type="checkbox" checked={discard} onChange={(e) => setDiscard(e.currentTarget.checked)} /> discard unmerged work
        </label>
        <Field label={discard ? "Reason (required to discard)" : "Reason (optional)"}>
          <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <Failure error={action.error} />
        <div class="actions">
          <button class="danger" disabled={action.busy || (discard && !reason.trim())} onClick={run.close}>
            Close session
          </button>
          <button onClick={() => setVerb(undefined)}>Back</button>
        </div>
      </Dialog>

      <Dialog open={verb === "merge"} title={`Merge back ${s.id}`} onClose={() => (setVerb(undefined), setMerge(undefined))}>
        <p>
          A dry run first: it writes the merge artifact and reports conflicts and violations; <strong>Apply</strong> then moves{" "}
          <code>{s.target ?? "the target"}</code>.
        </p>
        {merge && <MergeReport summary={merge} />}
        <Failure error={action.error} />
        <div class="actions">
          <button disabled={action.busy} onClick={run.dryRun}>
            Dry run
          </button>
          <button class="primary" disabled={action.busy || !merge || merge.status !== "clean"} onClick={run.apply}>
            Apply
          </button>
          <button onClick={() => (setVerb(undefined), setMerge(undefined))}>Back</button>
        </div>
      </Dialog>

      <Dialog open={verb === "restore"} title={`Restore ${s.id} to checkpoint ${restoreN}`} onClose={() => setVerb(undefined)}>
        <p>Writes the checkpoint's files back into the worktree. The current state is checkpointed first, so this can be undone.</p>
        <Failure error={action.error} />
        <div class="actions">
          <button class="primary" disabled={action.busy} onClick={run.restore}>
            Restore
          </button>
          <button onClick={() => setVerb(undefined)}>Back</button>
        </div>
      </Dialog>

      <div class="two-col">
        <section aria-labelledby="tree-h">
          <h2 id="tree-h">Spawn tree</h2>
          {tree.data ? (
            <ul class="tree">
              <TreeView node={tree.data} current={s.id} />
            </ul>
          ) : (
            <Loading what="the tree" />
          )}
        </section>
        <section aria-labelledby="cp-h">
          <h2 id="cp-h">Checkpoints</h2>
          {!checkpoints.data ? (
            <Loading what="checkpoints" />
          ) : checkpoints.data.checkpoints.length === 0 ? (
            <Empty command={`hs session pause ${s.id}`}>No checkpoints yet (taken before risky commands and on pause):</Empty>
          ) : (
            <div class="table-wrap">
              <table class="grid">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time</th>
                    <th scope="col">Trigger</th>
                    <th scope="col">Changed</th>
                    <th scope="col">
                      <span class="sr-only">Restore</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...checkpoints.data.checkpoints].reverse().map((cp) => (
                    <tr>
                      <td>{cp.n}</td>
                      <td>{shortTime(cp.created_at)}</td>
                      <td>{escapeControls(cp.trigger)}</td>
                      <td title={cp.changed.paths.join("\n")}>{cp.changed.count}</td>
                      <td>
                        <button onClick={() => (setRestoreN(cp.n), open("restore"))} aria-label={`Restore checkpoint ${cp.n}`}>
                          Restore…
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      <section aria-labelledby="out-h">
        <h2 id="out-h">Output (read only)</h2>
        <TerminalView session={s.id} />
      </section>
      {(s.wp || s.mt) && !s.closed_at && (
        <section aria-labelledby="ho-h">
          <h2 id="ho-h">Write a handoff</h2>
          <HandoffForm session={s.id} />
        </section>
      )}
    </section>
  );
}
