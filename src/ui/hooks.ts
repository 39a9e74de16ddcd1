// Server state for one view: fetched on mount, fetched again when a Flight Recorder event that concerns it
// arrives on the live stream (coalesced), and when the stream comes back after a break.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { FrEvent } from "../server/api-types.ts";
import { ApiFailure, get } from "./api.ts";
import { onEvent, onLinkState, type LinkState } from "./live.ts";

export interface Resource<T> {
  data: T | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload(): void;
}

export function useResource<T>(path: string | null, relevant: (event: FrEvent) => boolean = () => true): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const latest = useRef(0);
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;

  const reload = useCallback(() => {
    if (path === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    get<T>(path).then(
      (value) => ticket === latest.current && (setData(value), setError(undefined), setLoading(false)),
      (failure: ApiFailure) => ticket === latest.current && (setError(failure), setLoading(false)),
    );
  }, [path]);

  useEffect(() => {
    setData(undefined);
    reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      if (!timer) timer = setTimeout(() => ((timer = undefined), reload()), 60);
    };
    let previous: LinkState | undefined;
    const stopEvents = onEvent((event) => relevantRef.current(event) && soon());
    const stopLink = onLinkState((state) => {
      if (state === "live" && previous && previous !== "live" && previous !== "connecting") soon();
      previous = state;
    });
    return () => (stopEvents(), stopLink(), timer && clearTimeout(timer));
  }, [reload]);

  return { data, error, loading, reload };
}

/** Runs an action, keeping its failure for display; resolves to the result or undefined. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const run = useCallback(async <R,>(action: () => Promise<R>): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure : new ApiFailure(0, "HS-UI", String(failure), undefined, undefined));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(undefined) };
}

/** Re-renders every `ms` (ages and elapsed times); a clock, not a data poll. */
export function useNow(ms = 10_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
