// Starting work from a card: a session bound to one of the packet's micro-tasks (its scope is the task's
// files), created through POST /api/v1/sessions like `hs session create --mt`.
import { useState } from "preact/hooks";
import type { CreateSessionBody, Session } from "../pages/types.ts";
import type { CardFacts } from "../pages/board.tsx";
import { post } from "../api.ts";
import { useAction } from "../hooks.ts";
import { navigate } from "../router.tsx";
import { Dialog, Failure, Field } from "./common.tsx";

export function StartSessionDialog({ card, onClose }: { card: CardFacts; onClose(): void }) {
  const open = card.mts.filter((mt) => mt.status !== "completed" && mt.status !== "skipped");
  const [mt, setMt] = useState(open[0]?.mt_id ?? "");
  const [id, setId] = useState("");
  const action = useAction();
  const create = async () => {
    const body: CreateSessionBody = { mt, ...(id.trim() ? { id: id.trim() } : {}) };
    const session = await action.run(() => post<Session>("/api/v1/sessions", body));
    if (session) (onClose(), navigate(`/sessions/${encodeURIComponent(session.id)}`));
  };
  const chosen = open.find((m) => m.mt_id === mt);
  return (
    <Dialog open title={`Start a session for ${card.wp.wp_id}`} onClose={onClose}>
      <Field label="Micro-task">
        <select value={mt} onChange={(e) => setMt(e.currentTarget.value)}>
          {open.map((m) => (
            <option value={m.mt_id}>
              {m.mt_id} {m.name} ({m.status})
            </option>
          ))}
        </select>
      </Field>
      {chosen && (
        <p>
          Scope: <code>{[...chosen.files.modify, ...chosen.files.create].join(", ")}</code>
        </p>
      )}
      <Field label="Session id (optional)" hint="generated when empty">
        <input value={id} onInput={(e) => setId(e.currentTarget.value)} pattern="[A-Za-z0-9._-]+" />
      </Field>
      <Failure error={action.error} />
      <div class="actions">
        <button class="primary" disabled={!mt || action.busy} onClick={create}>
          Create session
        </button>
        <button onClick={onClose}>Cancel</button>
      </div>
    </Dialog>
  );
}
