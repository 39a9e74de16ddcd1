// A work packet: description, scope, gates, dependencies, its micro-tasks (with their moves and a session
// start), notes, handoffs and anchors; forms for a micro-task and a note.
import { useState } from "preact/hooks";
import type { MtView, WpDetail } from "./types.ts";
import { enc, post } from "../api.ts";
import { useAction, useResource } from "../hooks.ts";
import { Link } from "../router.tsx";
import { Empty, Failure, Loading, StateBadge } from "../components/common.tsx";
import { MoveDialog } from "../components/move-dialog.tsx";
import { StartSessionDialog } from "../components/start-session.tsx";
import { HandoffSummary, MtForm, NoteForm } from "./forms.tsx";
import { escapeControls, shortTime } from "../format.ts";

export const MT_MOVES: Record<string, Array<[string, string]>> = {
  pending: [["in_progress", "Start"], ["skipped", "Skip"]],
  in_progress: [["completed", "Done"], ["failed", "Fail"], ["skipped", "Skip"]],
  failed: [["in_progress", "Retry"], ["skipped", "Skip"]],
  blocked: [["in_progress", "Start"], ["skipped", "Skip"]],
  completed: [],
  skipped: [],
};

export function MtMoves({ mt }: { mt: { mt_id: string; status: string } }) {
  const action = useAction();
  const moves = MT_MOVES[mt.status] ?? [];
  return (
    <span class="mt-moves">
      {moves.map(([to, label]) => (
        <button disabled={action.busy} onClick={() => void action.run(() => post(`/api/v1/work/micro-tasks/${enc(mt.mt_id)}/transition`, { to }))} aria-label={`${label} ${mt.mt_id}`}>
          {label}
        </button>
      ))}
      <Failure error={action.error} />
    </span>
  );
}

export function WpPage({ id }: { id: string }) {
  const wp = useResource<WpDetail>(`/api/v1/work/packets/${enc(id)}`, (e) => e.wp_id === id || /^(mt_|micro_tasks|anchor|handoff|session)/.test(e.type));
  const [moving, setMoving] = useState(false);
  const [starting, setStarting] = useState(false);
  if (wp.error) return <Failure error={wp.error} />;
  if (!wp.data) return <Loading what={`work packet ${id}`} />;
  const w = wp.data;
  const mts = w.micro_tasks as MtView[];
  const sessions = mts.flatMap((mt) => mt.sessions);
  return (
    <section>
      <div class="page-head">
        <h1>
          {w.wp_id}: {w.title} <StateBadge state={w.status === "done" ? "completed" : w.status === "blocked" ? "failed" : "created"} label={w.task_board_status} />
        </h1>
        <div class="actions">
          <button onClick={() => setMoving(true)}>Move…</button>
          {mts.some((mt) => mt.status !== "completed" && mt.status !== "skipped") && <button onClick={() => setStarting(true)}>Start session…</button>}
        </div>
      </div>
      {w.description ? <p class="description">{escapeControls(w.description).replaceAll("\\n", "\n")}</p> : <p class="sub">No description.</p>}
      <dl class="facts">
        <dt>Type / priority</dt>
        <dd>
          {w.type} · P{w.priority}
        </dd>
        <dt>Scope</dt>
        <dd>
          <code>{w.scope.join(", ") || "—"}</code>
        </dd>
        <dt>Gates</dt>
        <dd>
          pre-work {w.gates.pre_work.status} · post-work {w.gates.post_work.status}
        </dd>
        <dt>Depends on</dt>
        <dd>
          {w.dependencies.length
            ? w.dependencies.map((d) => (
                <Link href={`/wp/${enc(d.from_wp_id)}`}>{d.from_wp_id}</Link>
              ))
            : "—"}
          {w.open_blockers.length > 0 && <span class="warning"> waiting for {w.open_blockers.join(", ")}</span>}
        </dd>
        {w.status_reason && (
          <>
            <dt>Last reason</dt>
            <dd>{escapeControls(w.status_reason)}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="mts-h">
        <h2 id="mts-h">Micro-tasks</h2>
        {mts.length === 0 ? (
          <Empty command={`hs mt add ${w.wp_id} --name 'step' --modify 'src/**'`}>No micro-tasks. Add one below, or:</Empty>
        ) : (
          <div class="table-wrap">
            <table class="grid" data-testid="mts">
              <thead>
                <tr>
                  <th scope="col">MT</th>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Files</th>
                  <th scope="col">Sessions</th>
                  <th scope="col">Move</th>
                </tr>
              </thead>
              <tbody>
                {mts.map((mt) => (
                  <tr data-mt={mt.mt_id}>
                    <td>
                      <Link href={`/mt/${enc(mt.mt_id)}`}>{mt.mt_id}</Link>
                    </td>
                    <td>{mt.name}</td>
                    <td>
                      <StateBadge state={mt.status === "in_progress" ? "active" : mt.status} label={mt.status} />
                    </td>
                    <td>
                      <code>{[...mt.files.modify, ...mt.files.create].join(", ")}</code>
                    </td>
                    <td>
                      {mt.sessions.map((s) => (
                        <Link href={`/sessions/${enc(s.id)}`}>
                          <StateBadge state={s.state} label={`${s.id} ${s.state}`} />
                        </Link>
                      ))}
                    </td>
                    <td>
                      <MtMoves mt={mt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {w.status !== "done" && w.status !== "cancelled" && (
          <details class="form-box">
            <summary>Add a micro-task</summary>
            <MtForm wp={w.wp_id} />
          </details>
        )}
      </section>
      <div class="two-col">
        <section aria-labelledby="notes-h">
          <h2 id="notes-h">Notes</h2>
          <ol class="notes">
            {w.notes.map((n) =>
              "unreadable" in n ? (
                <li class="warning">note {n.note_id} is unreadable</li>
              ) : (
                <li>
                  <span class="sub">
                    {shortTime(n.created_at)} · {n.author} · {n.note_type}
                  </span>
                  <div>{escapeControls(n.summary)}</div>
                </li>
              ),
            )}
          </ol>
          <NoteForm path={`/api/v1/work/packets/${enc(w.wp_id)}/notes`} label="Add a note" />
        </section>
        <section aria-labelledby="anchors-h">
          <h2 id="anchors-h">Anchors</h2>
          {w.anchors.length === 0 ? <p class="sub">No anchor links this packet.</p> : (
            <ul>
              {w.anchors.map((a) => (
                <li>
                  <Link href={`/anchors/${enc(a.anchor_id)}`}>{a.anchor_id}</Link> {a.title} ({a.status})
                </li>
              ))}
            </ul>
          )}
          <Link class="button" href={`/anchors/new?wp=${enc(w.wp_id)}`}>
            New anchor
          </Link>
          <h2>Handoffs</h2>
          {w.handoffs.length === 0 ? <p class="sub">No handoffs yet.</p> : w.handoffs.map((h) => <HandoffSummary h={h} />)}
        </section>
      </div>
      {moving && <MoveDialog wp={w} onClose={() => setMoving(false)} />}
      {starting && <StartSessionDialog card={{ wp: w, mts, sessions: [], pending: 0, warnings: [] }} onClose={() => setStarting(false)} />}
      {sessions.length === 0 && null}
    </section>
  );
}
