// The steering panel's list: every session grouped by work packet, role, state or flat, with what the
// operator steers by (state, degraded, depth, elapsed, budget use, pending approvals).
import { useState } from "preact/hooks";
import type { Session, SessionList } from "./types.ts";
import { useAction, useNow, useResource } from "../hooks.ts";
import { post } from "../api.ts";
import { Link } from "../router.tsx";
import { Empty, Failure, Loading, StateBadge } from "../components/common.tsx";
import { loadPref, savePref } from "../prefs.ts";
import { age } from "../format.ts";

type Grouping = "wp" | "role" | "state" | "flat";
const KEY: Record<Grouping, (s: Session) => string> = {
  wp: (s) => (s.wp ? `WP ${s.wp}` : "no work packet"),
  role: (s) => s.role,
  state: (s) => s.state,
  flat: () => "all sessions",
};

export function budgetText(s: Session): string {
  const parts: string[] = [];
  if (s.budgets.maxCommands) parts.push(`${s.commands_used}/${s.budgets.maxCommands} cmds`);
  else parts.push(`${s.commands_used} cmds`);
  if (s.budgets.maxMinutes) parts.push(`${s.budgets.maxMinutes} min max`);
  return parts.join(", ");
}

export function elapsed(s: Session, now: number): string {
  return s.closed_at ? `closed ${age(s.closed_at, now)} ago` : age(s.created_at, now);
}

export function SessionsPage() {
  const list = useResource<SessionList>("/api/v1/sessions", (e) => /^(session|approval|host|sandbox|merge_back)/.test(e.type));
  const [prefs, setPrefs] = useState(() => loadPref("sessions", { group: "wp" as Grouping, closed: false }));
  const now = useNow();
  const recover = useAction();
  const update = (change: Partial<typeof prefs>) => {
    const next = { ...prefs, ...change };
    setPrefs(next);
    savePref("sessions", next);
  };
  const all = (list.data?.groups.flatMap((g) => g.sessions) ?? []).filter((s) => prefs.closed || !s.closed_at);
  const groups = new Map<string, Session[]>();
  for (const s of all) groups.set(KEY[prefs.group](s), [...(groups.get(KEY[prefs.group](s)) ?? []), s]);
  return (
    <section>
      <div class="page-head">
        <h1>Sessions</h1>
      </div>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Session grouping">
        <label>
          Group by{" "}
          <select value={prefs.group} onChange={(e) => update({ group: e.currentTarget.value as Grouping })}>
            <option value="wp">work packet</option>
            <option value="role">role</option>
            <option value="state">state</option>
            <option value="flat">nothing (flat)</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={prefs.closed} onChange={(e) => update({ closed: e.currentTarget.checked })} /> show closed
        </label>
      </form>
      <Failure error={list.error ?? recover.error} />
      {all.some((s) => s.needs_recovery) && (
        <p class="notice" role="status">
          Some sessions claim to be live but have no live host.{" "}
          <button disabled={recover.busy} onClick={() => void recover.run(() => post("/api/v1/sessions/recover")).then(list.reload)}>
            Recover them (hs session list does the same)
          </button>
        </p>
      )}
      {!list.data ? (
        <Loading what="sessions" />
      ) : all.length === 0 ? (
        <Empty command="hs session create --scope 'src/**'">No sessions. Start one from a board card, or:</Empty>
      ) : (
        [...groups].map(([name, sessions]) => (
          <div class="table-wrap">
            <table class="grid">
              <caption>
                {name} ({sessions.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Role</th>
                  <th scope="col">Agent / model</th>
                  <th scope="col">State</th>
                  <th scope="col">Depth</th>
                  <th scope="col">Elapsed</th>
                  <th scope="col">Budget</th>
                  <th scope="col">Pending</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr data-session={s.id}>
                    <td>
                      <Link href={`/sessions/${encodeURIComponent(s.id)}`}>{s.id}</Link>
                      {s.mt && <span class="sub"> {s.mt}</span>}
                    </td>
                    <td>{s.role}</td>
                    <td>{[s.agent, s.model].filter(Boolean).join(" / ") || "—"}</td>
                    <td>
                      <StateBadge state={s.state} />
                      {s.needs_recovery && <span class="badge tone-warn">needs recovery</span>}
                      {s.degraded && (
                        <span class="badge tone-bad" title={s.degraded_reason ?? "no sandbox"}>
                          degraded
                        </span>
                      )}
                    </td>
                    <td>{s.spawn_depth}</td>
                    <td>{elapsed(s, now)}</td>
                    <td>{budgetText(s)}</td>
                    <td>{s.pending_approvals ? <Link href={`/approvals?session=${encodeURIComponent(s.id)}`}>{s.pending_approvals}</Link> : "0"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </section>
  );
}
