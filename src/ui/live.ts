// One Server-Sent Events connection to the Flight Recorder stream for the whole page. Views subscribe and
// refetch what an event touches: the page never polls. EventSource resumes with Last-Event-ID by itself;
// when the browser gives up (server gone), we reopen from the last seq we saw.
import type { FrEvent } from "../server/api-types.ts";

export type LinkState = "connecting" | "live" | "reconnecting" | "offline";
type Listener = (event: FrEvent) => void;

const listeners = new Set<Listener>();
const stateListeners = new Set<(state: LinkState) => void>();
let state: LinkState = "connecting";
let source: EventSource | undefined;
let lastSeq: string | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

function setState(next: LinkState) {
  if (next === state) return;
  state = next;
  for (const listener of stateListeners) listener(state);
}

export function connect(): void {
  if (retry) clearTimeout(retry);
  source?.close();
  const url = `/api/v1/events/stream${lastSeq ? `?after=${lastSeq}` : ""}`;
  source = new EventSource(url);
  source.onopen = () => {
    failures = 0;
    setState("live");
  };
  source.onmessage = (message) => {
    lastSeq = message.lastEventId || lastSeq;
    const event = JSON.parse(message.data as string) as FrEvent;
    for (const listener of listeners) listener(event);
  };
  source.onerror = () => {
    failures += 1;
    if (source?.readyState === EventSource.CLOSED || failures > 3) {
      source?.close();
      setState("offline");
      retry = setTimeout(connect, Math.min(10_000, 1000 * failures));
    } else setState("reconnecting");
  };
}

export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onLinkState(listener: (state: LinkState) => void): () => void {
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}

export const linkState = () => state;
