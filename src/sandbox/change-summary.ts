// Coalesces watcher events into one Flight Recorder summary per interval (pure).

export type ChangeKind = "add" | "change" | "unlink" | "addDir" | "unlinkDir";

export const MAX_LISTED_PATHS = 50;

export class ChangeSummary {
  private readonly paths = new Map<string, ChangeKind>();
  private counts: Record<"added" | "changed" | "removed", number> = { added: 0, changed: 0, removed: 0 };
  private events = 0;

  add(kind: ChangeKind, relativePath: string): void {
    this.events += 1;
    if (kind === "add" || kind === "addDir") this.counts.added += 1;
    else if (kind === "change") this.counts.changed += 1;
    else this.counts.removed += 1;
    this.paths.set(relativePath, kind);
  }

  get empty(): boolean {
    return this.events === 0;
  }

  /** The payload for `files.changed`, then starts over. */
  flush(): Record<string, unknown> | undefined {
    if (this.empty) return undefined;
    const listed = [...this.paths.entries()].slice(0, MAX_LISTED_PATHS).map(([path, kind]) => ({ path, kind }));
    const payload = { events: this.events, distinct_paths: this.paths.size, ...this.counts, paths: listed, truncated: this.paths.size > listed.length };
    this.paths.clear();
    this.counts = { added: 0, changed: 0, removed: 0 };
    this.events = 0;
    return payload;
  }
}
