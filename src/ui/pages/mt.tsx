// A micro-task: its files, done criteria, dependencies, iterations, sessions and handoffs, and its moves.
import type { MtDetail } from "./types.ts";
import { enc } from "../api.ts";
import { useResource } from "../hooks.ts";
import { Link } from "../router.tsx";
import { Failure, Loading, StateBadge } from "../components/common.tsx";
import { HandoffSummary } from "./forms.tsx";
import { MtMoves } from "./wp.tsx";
import { escapeControls, shortTime } from "../format.ts";

export function MtPage({ id }: { id: string }) {
  const mt = useResource<MtDetail>(`/api/v1/work/micro-tasks/${enc(id)}`, (e) => e.mt_id === id || e.type.startsWith("session"));
  if (mt.error) return <Failure error={mt.error} />;
  if (!mt.data) return <Loading what={`micro-task ${id}`} />;
  const m = mt.data;
  return (
    <section>
      <div class="page-head">
        <h1>
          {m.mt_id}: {m.name} <StateBadge state={m.status === "in_progress" ? "active" : m.status} label={m.status} />
        </h1>
        <MtMoves mt={m} />
      </div>
      <dl class="facts">
        <dt>Work packet</dt>
        <dd>
          <Link href={`/wp/${enc(m.wp_id)}`}>{m.wp_id}</Link>
        </dd>
        <dt>Modifies</dt>
        <dd>
          <code>{m.files.modify.join(", ") || "—"}</code>
        </dd>
        <dt>Creates</dt>
        <dd>
          <code>{m.files.create.join(", ") || "—"}</code>
        </dd>
        <dt>Reads</dt>
        <dd>
          <code>{m.files.read.join(", ") || "—"}</code>
        </dd>
        <dt>Done when</dt>
        <dd>{m.done_criteria.length ? <ul>{m.done_criteria.map((c) => <li>{escapeControls(c)}</li>)}</ul> : "—"}</dd>
        <dt>Depends on</dt>
        <dd>{m.depends_on.length ? m.depends_on.map((d) => <Link href={`/mt/${enc(d)}`}>{d}</Link>) : "—"}</dd>
      </dl>
      <h2>Sessions</h2>
      {m.sessions.length === 0 ? (
        <p class="sub">No session worked on it yet.</p>
      ) : (
        <ul>
          {m.sessions.map((s) => (
            <li>
              <Link href={`/sessions/${enc(s.id)}`}>{s.id}</Link> <StateBadge state={s.state} /> {s.pending_approvals ? `${s.pending_approvals} pending` : ""}
              {s.merge_backs.map((mb) => (
                <span class="sub"> merge-back {mb.status}{mb.applied_commit ? ` ${mb.applied_commit.slice(0, 10)}` : ""}</span>
              ))}
            </li>
          ))}
        </ul>
      )}
      <h2>Iterations</h2>
      {m.iterations.length === 0 ? (
        <p class="sub">None recorded.</p>
      ) : (
        <ol>
          {m.iterations.map((it) => (
            <li>
              {shortTime(it.created_at)} {it.outcome} {it.session_id ?? ""} {escapeControls(it.summary ?? "")}
            </li>
          ))}
        </ol>
      )}
      <h2>Handoffs</h2>
      {m.handoffs.length === 0 ? <p class="sub">No handoffs yet.</p> : m.handoffs.map((h) => <HandoffSummary h={h} />)}
    </section>
  );
}
