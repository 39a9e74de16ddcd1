// A request arriving while the tab is in the background: a title badge "(n)" and, when the operator allowed
// it, a browser notification. Both clear when the tab is seen again.
import type { FrEvent } from "../server/api-types.ts";
import { escapeControls } from "./format.ts";

const BASE_TITLE = "hs Dev Command Center";
let unseen = 0;

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") {
    unseen = 0;
    document.title = BASE_TITLE;
  }
});

export function backgroundBadge(event: FrEvent): void {
  if (event.type !== "approval.requested" || document.visibilityState === "visible") return;
  unseen += 1;
  document.title = `(${unseen}) ${BASE_TITLE}`;
  if (typeof Notification !== "undefined" && Notification.permission === "granted") {
    const argv = Array.isArray(event.payload.argv) ? (event.payload.argv as string[]).join(" ") : String(event.payload.rule ?? "");
    const note = new Notification(`Approval needed: session ${event.session_id ?? "?"}`, {
      body: escapeControls(argv).slice(0, 200),
      tag: String(event.payload.request_id ?? event.seq),
    });
    note.onclick = () => (window.focus(), note.close());
  }
}

export function notificationsState(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}
