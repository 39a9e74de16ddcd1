// Cache for the radar keyed by object ids: results for (oid, oid) never change, so they are kept across runs.
import fs from "node:fs";
import path from "node:path";

const LIMIT = 20_000;

export class RadarCache {
  private readonly entries: Map<string, unknown>;
  private dirty = false;

  constructor(private readonly file: string) {
    let loaded: Record<string, unknown> = {};
    try {
      loaded = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch {
      // missing or unreadable: start empty, it is only a cache
    }
    this.entries = new Map(Object.entries(loaded));
  }

  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, value);
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    const kept = [...this.entries].slice(-LIMIT);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(kept)));
    fs.renameSync(tmp, this.file);
  }
}
