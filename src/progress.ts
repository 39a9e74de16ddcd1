// Progress of operations that can take more than a second. Operations call progress(); only a front end
// that installed a sink (the CLI, when stderr is a terminal) shows anything, so servers and hooks stay silent.
export interface Progress {
  step(text: string): void;
  done(): void;
}

/** Shows one line of progress; null clears it. */
export type ProgressSink = (line: string | null) => void;

let sink: ProgressSink | undefined;
// Nested operations: the innermost one is shown, and the outer one again when it finishes.
const active: Array<{ label: string; step: string }> = [];

export function setProgressSink(next: ProgressSink | undefined): void {
  sink = next;
}

function render(): void {
  const top = active.at(-1);
  sink?.(top ? `${top.label}${top.step ? `: ${top.step}` : ""} ...` : null);
}

export function progress(label: string): Progress {
  const entry = { label, step: "" };
  active.push(entry);
  render();
  return {
    step(text) {
      entry.step = text;
      if (active.at(-1) === entry) render();
    },
    done() {
      const index = active.indexOf(entry);
      if (index < 0) return;
      active.splice(index, 1);
      render();
    },
  };
}

/** Runs fn between a progress line and its removal. */
export function withProgress<T>(label: string, fn: (p: Progress) => T): T {
  const p = progress(label);
  let result: T;
  try {
    result = fn(p);
  } catch (error) {
    p.done();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => p.done()) as T;
  p.done();
  return result;
}
