// Small shared pieces: a refusal with its code and next command, empty states that name the command that
// fills the list, state badges, and a modal dialog on the native <dialog> (focus trap and Escape for free).
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ApiFailure } from "../api.ts";
import { escapeControls } from "../format.ts";

export function Failure({ error }: { error: ApiFailure | undefined }) {
  if (!error) return null;
  return (
    <div class="failure" role="alert">
      <strong>{error.code}</strong> {escapeControls(error.message)}
      {error.hint && (
        <div>
          next: <code>{escapeControls(error.hint)}</code>
        </div>
      )}
    </div>
  );
}

export function Empty({ children, command }: { children: ComponentChildren; command?: string }) {
  return (
    <p class="empty">
      {children}
      {command && (
        <>
          {" "}
          <code>{command}</code>
        </>
      )}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" aria-live="polite">
      Loading {what}…
    </p>
  );
}

const STATE_TONE: Record<string, string> = {
  active: "ok",
  blocked: "warn",
  created: "info",
  paused: "warn",
  completed: "ok",
  failed: "bad",
  cancelled: "muted",
  pending: "warn",
  approved: "ok",
  denied: "bad",
  expired: "muted",
  withdrawn: "muted",
};

export function StateBadge({ state, label }: { state: string; label?: string }) {
  return <span class={`badge tone-${STATE_TONE[state] ?? "info"}`}>{label ?? state}</span>;
}

export function Dialog(props: { open: boolean; title: string; onClose(): void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog ref={ref} aria-label={props.title} onClose={props.onClose}>
      <h2>{props.title}</h2>
      {props.open && props.children}
    </dialog>
  );
}

export function Field(props: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      {props.children}
      {props.hint && <small>{props.hint}</small>}
    </label>
  );
}

/** Lines of a textarea -> trimmed non-empty entries. */
export const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
