// The board (home): work packets in lanes, each card with its micro-tasks' progress, bound sessions, pending
// approvals and radar warnings. A move is an explicit transition: preview (allowed or why not), then confirm.
import { useMemo, useState } from "preact/hooks";
import type { Board, MicroTask, RadarReport, Session, SessionList, WorkPacket } from "./types.ts";
import { useResource } from "../hooks.ts";
import { Link } from "../router.tsx";
import { Empty, Failure, Loading, StateBadge } from "../components/common.tsx";
import { MoveDialog } from "../components/move-dialog.tsx";
import { StartSessionDialog } from "../components/start-session.tsx";
import { loadPref, savePref } from "../prefs.ts";
import { WP_TYPES } from "../constants.ts";

interface BoardPrefs {
  text: string;
  type: string;
  attention: boolean;
  group: "status" | "attention";
}
const DEFAULT_PREFS: BoardPrefs = { text: "", type: "", attention: false, group: "status" };

const WORK_EVENTS = /^(work_packet|mt_|micro_tasks|task_board|dependency|session|approval|merge_back|anchor|handoff)/;

export interface CardFacts {
  wp: WorkPacket;
  mts: MicroTask[];
  sessions: Session[];
  pending: number;
  warnings: string[];
}

/** Radar findings per session id, as short sentences. */
function radarWarnings(radar: RadarReport | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (id: string, text: string) => out.set(id, [...(out.get(id) ?? []), text]);
  for (const pair of radar?.pairs ?? []) {
    const files = pair.predicted_conflicts.map((c) => c.path);
    if (files.length) (add(pair.a, `conflicts with ${pair.b}: ${files.join(", ")}`), add(pair.b, `conflicts with ${pair.a}: ${files.join(", ")}`));
    else if (pair.scope_overlap) (add(pair.a, `scope overlaps ${pair.b}`), add(pair.b, `scope overlaps ${pair.a}`));
  }
  for (const target of radar?.targets ?? []) {
    if (target.predicted_conflicts.length) add(target.session, `conflicts with ${target.target_ref}: ${target.predicted_conflicts.map((c) => c.path).join(", ")}`);
  }
  return out;
}

export function attentionLane(card: CardFacts): string {
  if (card.wp.status === "done" || card.wp.status === "cancelled") return "Done";
  if (card.pending > 0 || card.warnings.length || card.wp.status === "blocked") return "Needs attention";
  if (card.wp.status === "gated") return "Needs review";
  if (card.sessions.some((s) => s.state === "active" || s.state === "paused" || s.state === "blocked")) return "Working";
  return "Idle";
}
const ATTENTION_LANES = ["Needs attention", "Needs review", "Working", "Idle", "Done"];

export function BoardPage() {
  const board = useResource<Board>("/api/v1/work/packets", (e) => WORK_EVENTS.test(e.type));
  const mts = useResource<{ micro_tasks: MicroTask[] }>("/api/v1/work/micro-tasks", (e) => WORK_EVENTS.test(e.type));
  const sessions = useResource<SessionList>("/api/v1/sessions", (e) => /^(session|approval|host)/.test(e.type));
  const radar = useResource<RadarReport>("/api/v1/conflicts?dirty=false", (e) => /^(session\.created|merge_back|session\.closed)/.test(e.type));
  const [prefs, setPrefs] = useState<BoardPrefs>(() => loadPref("board", DEFAULT_PREFS));
  const [moving, setMoving] = useState<WorkPacket | undefined>();
  const [starting, setStarting] = useState<CardFacts | undefined>();
  const update = (change: Partial<BoardPrefs>) => {
    const next = { ...prefs, ...change };
    setPrefs(next);
    savePref("board", next);
  };

  const cards = useMemo(() => {
    const all = board.data?.lanes.flatMap((lane) => lane.packets) ?? [];
    const bySession = radarWarnings(radar.data);
    const sessionsOf = new Map<string, Session[]>();
    for (const group of sessions.data?.groups ?? []) if (group.wp_id) sessionsOf.set(group.wp_id, group.sessions);
    return all.map((wp): CardFacts => {
      const own = sessionsOf.get(wp.wp_id) ?? [];
      return {
        wp,
        mts: (mts.data?.micro_tasks ?? []).filter((mt) => mt.wp_id === wp.wp_id),
        sessions: own,
        pending: own.reduce((n, s) => n + s.pending_approvals, 0),
        warnings: own.flatMap((s) => (s.closed_at ? [] : (bySession.get(s.id) ?? []).map((w) => `${s.id} ${w}`))),
      };
    });
  }, [board.data, mts.data, sessions.data, radar.data]);

  const text = prefs.text.trim().toLowerCase();
  const shown = cards.filter(
    (c) =>
      (!text || `${c.wp.wp_id} ${c.wp.title} ${c.wp.labels.join(" ")}`.toLowerCase().includes(text)) &&
      (!prefs.type || c.wp.type === prefs.type) &&
      (!prefs.attention || attentionLane(c) === "Needs attention"),
  );
  const lanes =
    prefs.group === "status"
      ? (board.data?.lanes ?? []).map((lane) => ({ name: lane.lane, collapsed: lane.lane === "CANCELLED", cards: shown.filter((c) => c.wp.task_board_status === lane.lane) }))
      : ATTENTION_LANES.map((name) => ({ name, collapsed: name === "Done", cards: shown.filter((c) => attentionLane(c) === name) }));

  return (
    <section class="board-page">
      <div class="page-head">
        <h1>Board</h1>
        <Link class="button" href="/wp/new">
          New work packet
        </Link>
      </div>
      <form class="filters" role="search" aria-label="Board filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Filter <input type="search" value={prefs.text} onInput={(e) => update({ text: e.currentTarget.value })} placeholder="id, title, label" />
        </label>
        <label>
          Type{" "}
          <select value={prefs.type} onChange={(e) => update({ type: e.currentTarget.value })}>
            <option value="">all</option>
            {WP_TYPES.map((t) => (
              <option value={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Group{" "}
          <select value={prefs.group} onChange={(e) => update({ group: e.currentTarget.value as BoardPrefs["group"] })}>
            <option value="status">by status</option>
            <option value="attention">by what needs me</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={prefs.attention} onChange={(e) => update({ attention: e.currentTarget.checked })} /> needs attention only
        </label>
      </form>
      <Failure error={board.error ?? mts.error ?? sessions.error} />
      {!board.data ? (
        <Loading what="the board" />
      ) : cards.length === 0 ? (
        <Empty command="hs wp create --title 'What to build'">No work packets yet. Create one with the button above, or:</Empty>
      ) : (
        <div class="lanes" data-testid="board">
          {lanes.map((lane) => (
            <Lane name={lane.name} collapsed={lane.collapsed} count={lane.cards.length}>
              {lane.cards.map((card) => (
                <Card card={card} onMove={() => setMoving(card.wp)} onStart={() => setStarting(card)} />
              ))}
            </Lane>
          ))}
        </div>
      )}
      {moving && <MoveDialog wp={moving} onClose={() => setMoving(undefined)} />}
      {starting && <StartSessionDialog card={starting} onClose={() => setStarting(undefined)} />}
    </section>
  );
}

function Lane(props: { name: string; collapsed: boolean; count: number; children: preact.ComponentChildren }) {
  const id = `lane-${props.name.replace(/\W+/g, "-").toLowerCase()}`;
  const body = <div class="lane-cards">{props.count ? props.children : <p class="lane-empty">none</p>}</div>;
  return (
    <section class="lane" aria-labelledby={id} data-lane={props.name}>
      {props.collapsed ? (
        <details>
          <summary>
            <h2 id={id}>
              {props.name} <span class="lane-count">{props.count}</span>
            </h2>
          </summary>
          {body}
        </details>
      ) : (
        <>
          <h2 id={id}>
            {props.name} <span class="lane-count">{props.count}</span>
          </h2>
          {body}
        </>
      )}
    </section>
  );
}

function Card({ card, onMove, onStart }: { card: CardFacts; onMove(): void; onStart(): void }) {
  const { wp, mts, sessions, pending, warnings } = card;
  const done = mts.filter((mt) => mt.status === "completed" || mt.status === "skipped").length;
  const live = sessions.filter((s) => !s.closed_at);
  const startable = mts.some((mt) => mt.status === "pending" || mt.status === "in_progress" || mt.status === "failed");
  return (
    <article class="card" data-wp={wp.wp_id} aria-label={`${wp.wp_id} ${wp.title}`}>
      <header>
        <Link href={`/wp/${encodeURIComponent(wp.wp_id)}`} class="card-title">
          <span class="id">{wp.wp_id}</span> {wp.title}
        </Link>
        <span class="meta">
          {wp.type} · P{wp.priority}
        </span>
      </header>
      {mts.length > 0 && (
        <div class="progress" title={`${done} of ${mts.length} micro-tasks done`}>
          <progress max={mts.length} value={done} aria-label={`${done} of ${mts.length} micro-tasks done`} />
          <span>
            {done}/{mts.length} MTs
          </span>
        </div>
      )}
      {live.length > 0 && (
        <ul class="badges" aria-label="sessions">
          {live.map((s) => (
            <li>
              <Link href={`/sessions/${encodeURIComponent(s.id)}`}>
                <StateBadge state={s.state} label={`${s.id} ${s.state}${s.degraded ? " (degraded)" : ""}`} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pending > 0 && (
        <Link class="pending" href="/approvals">
          {pending} pending approval{pending === 1 ? "" : "s"}
        </Link>
      )}
      {warnings.map((w) => (
        <p class="warning">radar: {w}</p>
      ))}
      <footer>
        <button onClick={onMove}>Move…</button>
        {startable && <button onClick={onStart}>Start session…</button>}
      </footer>
    </article>
  );
}
