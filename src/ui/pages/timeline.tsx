// The Flight Recorder as a timeline (filters: session, WP, MT, type, actor, time), live from the stream, with
// the hash chain's verification status; and the Tool Call Ledger (one row per gated tool call).
import { useEffect, useState } from "preact/hooks";
import type { FrEvent, FrVerifyResult, LedgerRow } from "./types.ts";
import { enc, query } from "../api.ts";
import { useResource } from "../hooks.ts";
import { Link, navigate } from "../router.tsx";
import { Empty, Failure, Loading, StateBadge } from "../components/common.tsx";
import { escapeControls, shortTime } from "../format.ts";
import { EVENT_TYPES, ACTORS } from "../../registry/event-types.ts";

const FILTERS = ["session", "wp", "mt", "type", "actor", "since"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

function ChainStatus() {
  const verify = useResource<FrVerifyResult>("/api/v1/events/verify");
  if (verify.error) return <Failure error={verify.error} />;
  if (!verify.data) return <span class="sub">verifying the chain…</span>;
  const v = verify.data;
  return v.ok ? (
    <span class="badge tone-ok" data-testid="chain" data-ok="true" title={`head ${v.head_hash}`}>
      chain verified: {v.count} events
    </span>
  ) : (
    <span class="badge tone-bad" data-testid="chain" data-ok="false" role="alert">
      chain broken at seq {v.first_bad?.seq} ({v.first_bad?.reason})
    </span>
  );
}

/** What an event points at: its session, work packet, micro-task and artifact. */
function EventLinks({ e }: { e: FrEvent }) {
  const artifact = typeof e.payload.artifact === "string" ? e.payload.artifact : typeof e.payload.record_ref === "string" ? e.payload.record_ref : undefined;
  const request = typeof e.payload.request_id === "string" ? e.payload.request_id : undefined;
  return (
    <>
      {e.session_id && <Link href={`/sessions/${enc(e.session_id)}`}>{e.session_id}</Link>}
      {e.wp_id && <Link href={`/wp/${enc(e.wp_id)}`}>{e.wp_id}</Link>}
      {e.mt_id && <Link href={`/mt/${enc(e.mt_id)}`}>{e.mt_id}</Link>}
      {request && <Link href={`/approvals/${enc(request)}`}>{request}</Link>}
      {artifact && <code title="artifact">{escapeControls(artifact)}</code>}
    </>
  );
}

export function TimelinePage({ search, focus }: { search: URLSearchParams; focus?: string }) {
  const filters: Filters = Object.fromEntries(FILTERS.map((f) => [f, search.get(f) ?? undefined]).filter(([, v]) => v));
  const tab = search.get("tab") === "ledger" ? "ledger" : "events";
  const [draft, setDraft] = useState<Filters>(filters);
  const apply = (next: Filters, nextTab = tab) => navigate(`/timeline${query({ ...next, tab: nextTab === "ledger" ? "ledger" : undefined })}`);
  return (
    <section>
      <div class="page-head">
        <h1>Timeline</h1>
        <ChainStatus />
      </div>
      <div role="tablist" aria-label="Timeline views" class="tabs">
        <button role="tab" aria-selected={tab === "events"} onClick={() => apply(filters, "events")}>
          Events
        </button>
        <button role="tab" aria-selected={tab === "ledger"} onClick={() => apply(filters, "ledger")}>
          Tool Call Ledger
        </button>
      </div>
      <form class="filters" aria-label="Timeline filters" onSubmit={(e) => (e.preventDefault(), apply(draft))}>
        {(["session", "wp", "mt"] as const).map((name) => (
          <label>
            {name === "wp" ? "WP" : name === "mt" ? "MT" : "Session"}{" "}
            <input size={10} value={draft[name] ?? ""} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value || undefined })} />
          </label>
        ))}
        {tab === "events" && (
          <>
            <label>
              Type{" "}
              <input list="event-types" size={16} value={draft.type ?? ""} placeholder="e.g. approval.*" onInput={(e) => setDraft({ ...draft, type: e.currentTarget.value || undefined })} />
            </label>
            <datalist id="event-types">
              {EVENT_TYPES.map((t) => (
                <option value={t} />
              ))}
            </datalist>
            <label>
              Actor{" "}
              <select value={draft.actor ?? ""} onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value || undefined })}>
                <option value="">any</option>
                {ACTORS.map((a) => (
                  <option value={a}>{a}</option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          Since{" "}
          <input size={8} value={draft.since ?? ""} placeholder="2h, 1d" onInput={(e) => setDraft({ ...draft, since: e.currentTarget.value || undefined })} />
        </label>
        <button type="submit">Apply</button>
        <button type="button" onClick={() => (setDraft({}), apply({}))}>
          Clear
        </button>
      </form>
      {tab === "events" ? <Events filters={filters} focus={focus} /> : <Ledger filters={filters} />}
    </section>
  );
}

function Events({ filters, focus }: { filters: Filters; focus?: string }) {
  const [limit, setLimit] = useState(150);
  // A deep-linked event is shown with its neighbours, wherever it is in the log.
  const around = focus ? { after: Math.max(0, Number(focus) - 25), limit: 50 } : { limit };
  const events = useResource<{ events: FrEvent[]; head_seq: number }>(`/api/v1/events${query({ ...filters, ...around })}`, () => !focus);
  useEffect(() => {
    if (focus) document.getElementById(`event-${focus}`)?.scrollIntoView({ block: "center" });
  }, [focus, events.data !== undefined]);
  if (events.error) return <Failure error={events.error} />;
  if (!events.data) return <Loading what="events" />;
  const rows = [...events.data.events].reverse();
  if (!rows.length) return <Empty command="hs log --limit 20">No events match these filters. In a terminal:</Empty>;
  const older = !focus && rows.length === limit && limit < 1000;
  return (
    <>
    <ol class="timeline" data-testid="timeline" reversed>
      {rows.map((e) => (
        <li id={`event-${e.seq}`} class={String(e.seq) === focus ? "focus" : ""} data-type={e.type} data-seq={e.seq}>
          <div class="event-head">
            <Link href={`/events/${e.seq}`} aria-label={`event ${e.seq}`}>
              #{e.seq}
            </Link>
            <time dateTime={e.timestamp}>{shortTime(e.timestamp)}</time>
            <strong>{e.type}</strong>
            <StateBadge state={e.actor === "human" ? "completed" : e.actor === "agent" ? "active" : "created"} label={e.actor} />
            <EventLinks e={e} />
          </div>
          <details open={String(e.seq) === focus}>
            <summary>payload</summary>
            <pre>{escapeControls(JSON.stringify(e.payload, null, 2)).replaceAll("\\n", "\n")}</pre>
            <p class="sub">
              hash <code>{e.hash.slice(0, 16)}</code> prev <code>{e.prev_hash.slice(0, 16)}</code>
            </p>
          </details>
        </li>
      ))}
    </ol>
    {older && <button onClick={() => setLimit(1000)}>Show up to 1000 events</button>}
    </>
  );
}

function Ledger({ filters }: { filters: Filters }) {
  const ledger = useResource<{ calls: LedgerRow[] }>(`/api/v1/ledger${query({ session: filters.session, wp: filters.wp, mt: filters.mt, since: filters.since, limit: 500 })}`, (e) => e.type.startsWith("gate.") || e.type.startsWith("approval."));
  if (ledger.error) return <Failure error={ledger.error} />;
  if (!ledger.data) return <Loading what="the ledger" />;
  if (!ledger.data.calls.length) return <Empty>No gated tool calls yet: they appear when a session runs git through the gate.</Empty>;
  return (
    <div class="table-wrap">
      <table class="grid" data-testid="ledger">
        <caption>Tool Call Ledger (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Session</th>
            <th scope="col">Command</th>
            <th scope="col">Decision</th>
            <th scope="col">Rule</th>
            <th scope="col">Approval</th>
          </tr>
        </thead>
        <tbody>
          {[...ledger.data.calls].reverse().map((c) => (
            <tr>
              <td>
                <Link href={`/events/${c.seq}`}>{c.seq}</Link>
              </td>
              <td>{shortTime(c.started_at)}</td>
              <td>{c.session_id ? <Link href={`/sessions/${enc(c.session_id)}`}>{c.session_id}</Link> : "—"}</td>
              <td>
                <code>{escapeControls(Array.isArray(c.argv) ? `${c.tool} ${(c.argv as string[]).join(" ")}` : c.tool)}</code>
              </td>
              <td>
                <StateBadge state={c.decision === "allow" ? "completed" : c.decision === "deny" ? "failed" : "pending"} label={c.decision} />
              </td>
              <td>{c.rule ?? "—"}</td>
              <td>{c.request_id ? <Link href={`/approvals/${enc(c.request_id)}`}>{c.approval_status ?? c.request_id}</Link> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
