// Moving a card: the server's preview lists every status with allowed/refused (and why); choosing one shows
// the exact transition to confirm; the move itself can still be refused (someone moved it meanwhile).
import { useState } from "preact/hooks";
import type { MovePreview, WorkPacket } from "../pages/types.ts";
import { enc, post } from "../api.ts";
import { useAction, useResource } from "../hooks.ts";
import { Dialog, Failure, Field, Loading } from "./common.tsx";

const VERB: Record<string, string> = { ready: "ready", in_progress: "start", blocked: "block", gated: "gate", done: "done", cancelled: "cancel" };

export function MoveDialog({ wp, onClose }: { wp: WorkPacket; onClose(): void }) {
  const preview = useResource<MovePreview>(`/api/v1/work/packets/${enc(wp.wp_id)}/moves`, () => false);
  const [to, setTo] = useState<string | undefined>();
  const [reason, setReason] = useState("");
  const action = useAction();
  const chosen = preview.data?.moves.find((m) => m.to === to);
  const confirm = async () => {
    const done = await action.run(() => post(`/api/v1/work/packets/${enc(wp.wp_id)}/transition`, { to, ...(reason.trim() ? { reason: reason.trim() } : {}) }));
    if (done) onClose();
  };
  return (
    <Dialog open title={`Move ${wp.wp_id}`} onClose={onClose}>
      <p>
        Now in <strong>{wp.task_board_status}</strong>. Choose where it goes; nothing changes until you confirm.
      </p>
      <Failure error={preview.error} />
      {!preview.data ? (
        <Loading what="the possible moves" />
      ) : !chosen ? (
        <ul class="moves" aria-label="possible moves">
          {preview.data.moves.map((move) => (
            <li class={move.allowed ? "allowed" : "refused"} data-to={move.to}>
              <button disabled={!move.allowed} onClick={() => setTo(move.to)} aria-describedby={move.allowed ? undefined : `why-${move.to}`}>
                {move.to.toUpperCase()}
              </button>
              {!move.allowed && move.error && (
                <span id={`why-${move.to}`} class="why">
                  refused: {move.error.message}
                  {move.error.hint && (
                    <>
                      {" "}
                      — next: <code>{move.error.hint}</code>
                    </>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div class="confirm">
          <p data-testid="move-preview">
            {wp.task_board_status} → <strong>{chosen.to.toUpperCase()}</strong> (same as <code>hs wp {VERB[chosen.to]} {wp.wp_id}</code>)
          </p>
          <Field label={chosen.needs_reason ? "Reason (required)" : "Reason (optional, recorded as a note)"}>
            <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required={chosen.needs_reason} />
          </Field>
          <Failure error={action.error} />
          <div class="actions">
            <button class="primary" disabled={action.busy || (chosen.needs_reason && !reason.trim())} onClick={confirm}>
              Confirm move
            </button>
            <button onClick={() => (setTo(undefined), action.clear())}>Back</button>
          </div>
        </div>
      )}
      <div class="actions">
        <button onClick={onClose}>Cancel</button>
      </div>
    </Dialog>
  );
}
