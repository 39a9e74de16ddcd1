// The approvals inbox: every pending request across sessions, newest first, decided from the row. Keyboard:
// j/k (or arrows) select, e expand, a approve once, g grant (job/workspace), d deny, A approve the session.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApprovalRequestView, ApproveBody } from "./types.ts";
import { enc, post, query } from "../api.ts";
import { useAction, useNow, useResource } from "../hooks.ts";
import { Link, useLocation } from "../router.tsx";
import { Empty, Failure, Loading, StateBadge } from "../components/common.tsx";
import { age, escapeControls, plural, shortTime } from "../format.ts";
import { notificationsState } from "../notify.ts";

const PAGE_ROWS = 100;
const TTLS = [
  ["", "default TTL"],
  ["3600", "1 hour"],
  ["28800", "8 hours"],
  ["86400", "1 day"],
] as const;

export function ApprovalsPage({ focus }: { focus?: string }) {
  const { search } = useLocation();
  const session = search.get("session") ?? undefined;
  const [decided, setDecided] = useState(false);
  const list = useResource<{ requests: ApprovalRequestView[] }>(
    `/api/v1/approvals${query({ status: decided || focus ? "all" : undefined, session })}`,
    (e) => e.type.startsWith("approval.") || e.type === "grant.used",
  );
  const [selected, setSelected] = useState<string | undefined>(focus);
  const [open, setOpen] = useState<Record<string, "preview" | "grant" | "deny" | undefined>>(focus ? { [focus]: "preview" } : {});
  const [notify, setNotify] = useState(notificationsState());
  const now = useNow(5000);
  const action = useAction();
  const all = list.data?.requests ?? [];
  const rows = [...all]
    .filter((r) => (decided ? true : r.status === "pending" || r.id === focus))
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
  const listRef = useRef<HTMLDivElement>(null);
  // A long inbox renders its newest rows first; the rest on request (a focused deep link is always shown).
  const [limit, setLimit] = useState(PAGE_ROWS);
  const shown = rows.slice(0, limit);
  if (focus && !shown.some((r) => r.id === focus)) shown.push(...rows.filter((r) => r.id === focus));

  const approve = (r: ApprovalRequestView, body: ApproveBody) => action.run(() => post(`/api/v1/approvals/${enc(r.id)}/approve`, body));
  const deny = (r: ApprovalRequestView, reason: string) => action.run(() => post(`/api/v1/approvals/${enc(r.id)}/deny`, { reason }));
  const approveSession = (id: string) => action.run(() => post(`/api/v1/approvals/approve-session`, { session: id }));
  const toggle = (id: string, what: "preview" | "grant" | "deny") => setOpen((o) => ({ ...o, [id]: o[id] === what ? undefined : what }));

  useEffect(() => {
    if (!focus) return;
    document.querySelector(`[data-request="${CSS.escape(focus)}"]`)?.scrollIntoView({ block: "center" });
  }, [focus, list.data !== undefined]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest("dialog")) return;
      const index = shown.findIndex((r) => r.id === selected);
      const current = shown[index];
      const move = (delta: number) => {
        const next = shown[Math.max(0, Math.min(shown.length - 1, index + delta))];
        if (next) {
          setSelected(next.id);
          listRef.current?.querySelector<HTMLElement>(`[data-request="${CSS.escape(next.id)}"]`)?.focus();
        }
      };
      const keys: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        e: () => current && toggle(current.id, "preview"),
        a: () => current?.status === "pending" && void approve(current, { scope: "once" }),
        g: () => current?.status === "pending" && toggle(current.id, "grant"),
        d: () => current?.status === "pending" && toggle(current.id, "deny"),
        A: () => current && void approveSession(current.session_id),
      };
      const run = keys[event.key];
      if (run) (event.preventDefault(), run());
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  });

  const sessions = new Map<string, number>();
  for (const r of rows) if (r.status === "pending") sessions.set(r.session_id, (sessions.get(r.session_id) ?? 0) + 1);

  return (
    <section>
      <div class="page-head">
        <h1>Approvals</h1>
        <div class="actions">
          {notify === "default" && (
            <button onClick={() => void Notification.requestPermission().then(setNotify)}>Notify me in the background</button>
          )}
          <label class="check">
            <input type="checkbox" checked={decided} onChange={(e) => setDecided(e.currentTarget.checked)} /> show decided
          </label>
        </div>
      </div>
      {session && (
        <p>
          Session <Link href={`/sessions/${enc(session)}`}>{session}</Link> only. <Link href="/approvals">Show all</Link>
        </p>
      )}
      <p class="sub" id="keys">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> select, <kbd>e</kbd> details, <kbd>a</kbd> approve once, <kbd>g</kbd> grant, <kbd>d</kbd> deny, <kbd>A</kbd> approve all of the
        session.
      </p>
      <Failure error={list.error ?? action.error} />
      {!list.data ? (
        <Loading what="the inbox" />
      ) : rows.length === 0 ? (
        <Empty command="hs approvals --watch">Nothing waits for a decision. Requests appear here the moment a session asks; in a terminal:</Empty>
      ) : (
        <div class="inbox" ref={listRef} aria-describedby="keys" data-testid="inbox">
          {shown.map((r) => (
            <ApprovalRow
              r={r}
              now={now}
              selected={r.id === selected}
              open={open[r.id]}
              sessionCount={sessions.get(r.session_id) ?? 0}
              busy={action.busy}
              onSelect={() => setSelected(r.id)}
              onToggle={(what) => toggle(r.id, what)}
              onApprove={(body) => approve(r, body)}
              onDeny={(reason) => deny(r, reason)}
              onApproveSession={() => approveSession(r.session_id)}
            />
          ))}
          {rows.length > shown.length && (
            <button onClick={() => setLimit(rows.length)}>
              Show all {rows.length} ({rows.length - shown.length} older)
            </button>
          )}
        </div>
      )}
    </section>
  );
}

interface RowProps {
  r: ApprovalRequestView;
  now: number;
  selected: boolean;
  open: "preview" | "grant" | "deny" | undefined;
  sessionCount: number;
  busy: boolean;
  onSelect(): void;
  onToggle(what: "preview" | "grant" | "deny"): void;
  onApprove(body: ApproveBody): void;
  onDeny(reason: string): void;
  onApproveSession(): void;
}

function ApprovalRow({ r, now, selected, open, sessionCount, busy, onSelect, onToggle, onApprove, onDeny, onApproveSession }: RowProps) {
  const [reason, setReason] = useState("");
  const [scope, setScope] = useState<"job" | "workspace">("job");
  const [ttl, setTtl] = useState("");
  const pending = r.status === "pending";
  const work = [r.wp_id, r.mt_id].filter(Boolean) as string[];
  return (
    <article
      class={`request${selected ? " selected" : ""}`}
      tabIndex={0}
      data-request={r.id}
      data-status={r.status}
      aria-label={`request ${r.id} from session ${r.session_id}`}
      onFocus={() => !selected && onSelect()}
    >
      <div class="request-head">
        <code class="argv" title="the exact command, control characters escaped">
          {escapeControls(r.argv_display)}
        </code>
        <span class="sub">{age(r.created_at, now)} ago</span>
      </div>
      <div class="request-meta">
        <span>
          session <Link href={`/sessions/${enc(r.session_id)}`}>{r.session_id}</Link>
        </span>
        {work.length > 0 && (
          <span>
            {r.wp_id && <Link href={`/wp/${enc(r.wp_id)}`}>{r.wp_id}</Link>}
            {r.mt_id && (
              <>
                {" / "}
                <Link href={`/mt/${enc(r.mt_id)}`}>{r.mt_id}</Link>
              </>
            )}
          </span>
        )}
        <span>
          rule <code>{r.rule}</code>
        </span>
        <span class="reason">{escapeControls(r.reason)}</span>
        {!pending && <StateBadge state={r.status} label={`${r.status}${r.scope ? ` (${r.scope})` : ""}${r.decision_reason ? `: ${escapeControls(r.decision_reason)}` : ""}`} />}
        {pending && !r.waiters && <span class="sub">nobody waiting</span>}
      </div>
      <div class="actions">
        <button onClick={() => onToggle("preview")} aria-expanded={open === "preview"}>
          {open === "preview" ? "Hide details" : "Details"}
        </button>
        {pending && (
          <>
            <button class="primary" disabled={busy} onClick={() => onApprove({ scope: "once" })}>
              Approve once
            </button>
            {r.scopes.length > 1 && (
              <button onClick={() => onToggle("grant")} aria-expanded={open === "grant"}>
                Grant…
              </button>
            )}
            <button class="danger" onClick={() => onToggle("deny")} aria-expanded={open === "deny"}>
              Deny…
            </button>
            {sessionCount > 1 && (
              <button disabled={busy} onClick={onApproveSession}>
                Approve all {sessionCount} of {r.session_id}
              </button>
            )}
          </>
        )}
      </div>
      {open === "grant" && pending && (
        <form class="inline-form" onSubmit={(e) => (e.preventDefault(), onApprove({ scope, ...(ttl ? { ttl_seconds: Number(ttl) } : {}) }))}>
          <label>
            Scope{" "}
            <select value={scope} onChange={(e) => setScope(e.currentTarget.value as "job" | "workspace")}>
              <option value="job">this session (job)</option>
              <option value="workspace">every session (workspace)</option>
            </select>
          </label>
          <label>
            For{" "}
            <select value={ttl} onChange={(e) => setTtl(e.currentTarget.value)}>
              {TTLS.map(([value, label]) => (
                <option value={value}>{label}</option>
              ))}
            </select>
          </label>
          <span class="sub">covers: {escapeControls(r.covers ?? "")}</span>
          <button class="primary" disabled={busy} type="submit">
            Approve and grant
          </button>
        </form>
      )}
      {open === "deny" && pending && (
        <form class="inline-form" onSubmit={(e) => (e.preventDefault(), reason.trim() && onDeny(reason.trim()))}>
          <label>
            Reason (told to the agent){" "}
            <input value={reason} required autoFocus onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button class="danger" disabled={busy || !reason.trim()} type="submit">
            Deny
          </button>
        </form>
      )}
      {open === "preview" && (
        <div class="preview">
          <p>
            cwd <code>{escapeControls(r.cwd)}</code> · id <code>{r.id}</code> · expires {r.expires_at ? shortTime(r.expires_at) : "never"}
            {pending && <> · {plural(r.waiters, "waiting command")}</>}
          </p>
          {r.preview.length === 0 ? (
            <p class="sub">No loss preview for this command.</p>
          ) : (
            r.preview.map((p) => (
              <div>
                <h3>
                  What could be lost: {escapeControls(p.title)}
                  {p.truncated ? ` (first ${p.entries.length})` : ""}
                </h3>
                <ul class="lost">
                  {p.entries.map((entry) => (
                    <li>
                      <code>{escapeControls(entry.text)}</code>
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
          <p class="sub">
            terminal: <code>{escapeControls(r.hint)}</code>
          </p>
        </div>
      )}
    </article>
  );
}
