// Cache for the radar keyed by object ids: results for (oid, oid) never change, so they are kept across runs. The
// file names the hs build that wrote it: another build (whose merge or scope logic may differ) starts empty.
import fs from "node:fs";
import path from "node:path";

declare const __HS_BUILD_ID__: string | undefined;
/** Source runs (tests) have no build id: one shared name, so their second run still reads the first one's cache. */
const BUILD = typeof __HS_BUILD_ID__ === "string" ? __HS_BUILD_ID__ : "source";
const LIMIT = 20_000;

export class RadarCache {
  private readonly entries: Map<string, unknown>;
  private dirty = false;

  constructor(private readonly file: string, private readonly build: string = BUILD) {
    let loaded: { build?: unknown; entries?: Record<string, unknown> } = {};
    try {
      loaded = JSON.parse(fs.readFileSync(file, "utf8")) as typeof loaded;
    } catch {
      // missing or unreadable: start empty, it is only a cache
    }
    const usable = loaded.build === build && loaded.entries && typeof loaded.entries === "object";
    this.entries = new Map(usable ? Object.entries(loaded.entries!) : []);
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
    fs.writeFileSync(tmp, JSON.stringify({ build: this.build, entries: Object.fromEntries(kept) }));
    fs.renameSync(tmp, this.file);
  }
}
