// Creation forms: work packet, micro-task, anchor, append-only notes, handoff; and the anchor page.
import { useState } from "preact/hooks";
import type { AnchorDetail, CreateAnchorBody, CreateHandoffBody, CreateMtBody, CreateWpBody, HandoffRecord, WorkPacket } from "./types.ts";
import { enc, get, post } from "../api.ts";
import { useAction, useResource } from "../hooks.ts";
import { Link, navigate } from "../router.tsx";
import { Failure, Field, Loading, lines } from "../components/common.tsx";
import { escapeControls, shortTime } from "../format.ts";
import { WP_TYPES } from "../constants.ts";

export function NewWpPage() {
  const [form, setForm] = useState({ title: "", description: "", type: "feature", priority: "2", scope: "", labels: "" });
  const action = useAction();
  const set = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: CreateWpBody = {
      title: form.title,
      ...(form.description.trim() ? { description: form.description } : {}),
      type: form.type as CreateWpBody["type"],
      priority: Number(form.priority),
      scope: lines(form.scope),
      labels: form.labels.split(",").map((l) => l.trim()).filter(Boolean),
    };
    const wp = await action.run(() => post<WorkPacket>("/api/v1/work/packets", body));
    if (wp) navigate(`/wp/${enc(wp.wp_id)}`);
  };
  return (
    <section>
      <h1>New work packet</h1>
      <form class="form" onSubmit={submit}>
        <Field label="Title">
          <input required value={form.title} onInput={set("title")} />
        </Field>
        <Field label="Description (markdown)">
          <textarea rows={4} value={form.description} onInput={set("description")} />
        </Field>
        <div class="row">
          <Field label="Type">
            <select value={form.type} onChange={set("type")}>
              {WP_TYPES.map((t) => (
                <option value={t}>{t}</option>
              ))}
            </select>
          </Field>
          <Field label="Priority">
            <select value={form.priority} onChange={set("priority")}>
              {[0, 1, 2, 3, 4].map((p) => (
                <option value={String(p)}>P{p}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Scope (one glob per line)">
          <textarea rows={2} value={form.scope} onInput={set("scope")} />
        </Field>
        <Field label="Labels (comma separated)">
          <input value={form.labels} onInput={set("labels")} />
        </Field>
        <Failure error={action.error} />
        <button class="primary" type="submit" disabled={action.busy}>
          Create work packet
        </button>
      </form>
    </section>
  );
}

export function MtForm({ wp }: { wp: string }) {
  const [form, setForm] = useState({ name: "", modify: "", create: "", criteria: "" });
  const action = useAction();
  const set = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: CreateMtBody = { wp, name: form.name, modify: lines(form.modify), create: lines(form.create), done_criteria: lines(form.criteria) };
    if (await action.run(() => post("/api/v1/work/micro-tasks", body))) setForm({ name: "", modify: "", create: "", criteria: "" });
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Add a micro-task">
      <Field label="Name">
        <input required value={form.name} onInput={set("name")} />
      </Field>
      <Field label="Modifies (globs, one per line; the session's scope)">
        <textarea rows={2} required value={form.modify} onInput={set("modify")} />
      </Field>
      <Field label="Creates (globs, one per line)">
        <textarea rows={2} value={form.create} onInput={set("create")} />
      </Field>
      <Field label="Done when (one criterion per line)">
        <textarea rows={2} value={form.criteria} onInput={set("criteria")} />
      </Field>
      <Failure error={action.error} />
      <button class="primary" type="submit" disabled={action.busy}>
        Add micro-task
      </button>
    </form>
  );
}

export function NoteForm({ path, label }: { path: string; label: string }) {
  const [text, setText] = useState("");
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await action.run(() => post(path, { text }))) setText("");
  };
  return (
    <form class="form" onSubmit={submit} aria-label={label}>
      <Field label={label} hint="notes are append-only: a correction is a new note">
        <textarea rows={2} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <Failure error={action.error} />
      <button type="submit" disabled={action.busy || !text.trim()}>
        Append note
      </button>
    </form>
  );
}

export function NewAnchorPage({ wp }: { wp?: string }) {
  const [form, setForm] = useState({ title: "", description: "", criteria: "", wp: wp ?? "" });
  const action = useAction();
  const set = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: CreateAnchorBody = {
      title: form.title,
      ...(form.description.trim() ? { description: form.description } : {}),
      criteria: lines(form.criteria),
      ...(form.wp.trim() ? { wp: form.wp.trim() } : {}),
    };
    const anchor = await action.run(() => post<{ anchor_id: string }>("/api/v1/work/anchors", body));
    if (anchor) navigate(`/anchors/${enc(anchor.anchor_id)}`);
  };
  return (
    <section>
      <h1>New objective anchor</h1>
      <form class="form" onSubmit={submit}>
        <Field label="Title (what we are doing)">
          <input required value={form.title} onInput={set("title")} />
        </Field>
        <Field label="Description">
          <textarea rows={3} value={form.description} onInput={set("description")} />
        </Field>
        <Field label="Accept when (one criterion per line)">
          <textarea rows={3} value={form.criteria} onInput={set("criteria")} />
        </Field>
        <Field label="Work packet (optional)">
          <input value={form.wp} onInput={set("wp")} />
        </Field>
        <Failure error={action.error} />
        <button class="primary" type="submit" disabled={action.busy}>
          Create anchor
        </button>
      </form>
    </section>
  );
}

export function AnchorPage({ id }: { id: string }) {
  const anchor = useResource<AnchorDetail>(`/api/v1/work/anchors/${enc(id)}`, (e) => e.type.startsWith("anchor."));
  if (anchor.error) return <Failure error={anchor.error} />;
  if (!anchor.data) return <Loading what={`anchor ${id}`} />;
  const a = anchor.data;
  return (
    <section>
      <h1>
        {a.anchor_id}: {a.title}
      </h1>
      <p>
        {a.status}
        {a.linked_wp_id && (
          <>
            {" "}
            · <Link href={`/wp/${enc(a.linked_wp_id)}`}>{a.linked_wp_id}</Link>
          </>
        )}
      </p>
      {a.description && <p class="description">{escapeControls(a.description).replaceAll("\\n", "\n")}</p>}
      {a.acceptance_criteria.length > 0 && (
        <ul>
          {a.acceptance_criteria.map((c) => (
            <li>accept when: {escapeControls(c)}</li>
          ))}
        </ul>
      )}
      <h2>Notes</h2>
      <ol class="notes" data-testid="anchor-notes">
        {a.notes.map((n) => (
          <li>
            <span class="sub">
              {shortTime(n.ts)} · {n.author}
            </span>
            <div>{escapeControls(n.text)}</div>
          </li>
        ))}
      </ol>
      <NoteForm path={`/api/v1/work/anchors/${enc(a.anchor_id)}/notes`} label="Add a note to the anchor" />
    </section>
  );
}

type HandoffText = HandoffRecord & { done: string; remaining: string };

export function HandoffSummary({ h }: { h: HandoffRecord }) {
  const [text, setText] = useState<HandoffText>();
  const action = useAction();
  const load = async () => setText(await action.run(() => get<HandoffText>(`/api/v1/work/handoffs/${enc(h.handoff_id)}`)));
  return (
    <details class="handoff" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && !text && void load()}>
      <summary>
        Handoff {shortTime(h.created_at)} by session {h.execution_session_id}
        {h.blockers.length ? ` · ${h.blockers.length} blockers` : ""}
      </summary>
      <p>
        Session <Link href={`/sessions/${enc(h.execution_session_id)}`}>{h.execution_session_id}</Link>
      </p>
      <Failure error={action.error} />
      {text && (
        <>
          <h3>Done</h3>
          <p class="description">{escapeControls(text.done).replaceAll("\\n", "\n")}</p>
          <h3>Remaining</h3>
          <p class="description">{escapeControls(text.remaining).replaceAll("\\n", "\n")}</p>
        </>
      )}
      {h.decisions.length > 0 && <p>Decisions: {h.decisions.map(escapeControls).join("; ")}</p>}
      {h.blockers.length > 0 && <p>Blockers: {h.blockers.map(escapeControls).join("; ")}</p>}
      {h.evidence_links.length > 0 && (
        <p>
          Evidence:{" "}
          {h.evidence_links.map((l) => (
            <code>
              {l.kind}:{escapeControls(l.ref)}{" "}
            </code>
          ))}
        </p>
      )}
    </details>
  );
}

export function HandoffForm({ session }: { session: string }) {
  const [form, setForm] = useState({ done: "", remaining: "", decisions: "", blockers: "", evidence: "" });
  const [written, setWritten] = useState(false);
  const action = useAction();
  const set = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: CreateHandoffBody = { session, done: form.done, remaining: form.remaining, decisions: lines(form.decisions), blockers: lines(form.blockers), evidence: lines(form.evidence) };
    if (await action.run(() => post("/api/v1/work/handoffs", body))) setWritten(true);
  };
  if (written) return <p class="ok-note">Handoff written.</p>;
  return (
    <form class="form" onSubmit={submit} aria-label="Write a handoff">
      <Field label="What was done">
        <textarea rows={3} required value={form.done} onInput={set("done")} />
      </Field>
      <Field label="What remains">
        <textarea rows={2} required value={form.remaining} onInput={set("remaining")} />
      </Field>
      <Field label="Decisions (one per line)">
        <textarea rows={2} value={form.decisions} onInput={set("decisions")} />
      </Field>
      <Field label="Blockers (one per line)">
        <textarea rows={2} value={form.blockers} onInput={set("blockers")} />
      </Field>
      <Field label="Evidence (commit shas, artifact paths; one per line)">
        <textarea rows={2} value={form.evidence} onInput={set("evidence")} />
      </Field>
      <Failure error={action.error} />
      <button class="primary" type="submit" disabled={action.busy}>
        Write handoff
      </button>
    </form>
  );
}
