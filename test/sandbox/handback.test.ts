// The whole hand-back for work done inside the sandbox: the commit's objects live in the session's private
// store (never an alternate of the main repository); merge-back imports them by content before reading them,
// so the applied target is whole at once, and close deletes the store.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, type Fixture } from "./fixture.ts";

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

describe("sandboxed work handed back", () => {
  it("merge-back imports the sandbox's objects by content and applies; the target is whole before close; close deletes the store", () => {
    fx = buildFixture({ sessions: [{ id: "h1", scope: ["src/**"] }] });
    const h1 = path.join(fx.wts, "h1");
    const run = fx.hs(["session", "run", "h1", "--", "sh", "-c", "printf 'export const feature = 1;\\n' > src/feature.ts && git add src/feature.ts && git commit -qm 'feature from the sandbox'"]);
    expect(run.code, run.stderr).toBe(0);
    const head = fx.git(["rev-parse", "hs/h1/work"]).trim();
    const loose = (oid: string, store: string) => fs.existsSync(path.join(store, oid.slice(0, 2), oid.slice(2)));
    const inShared = (oid: string) => fx!.git(["cat-file", "-t", oid], fx!.common).trim();
    expect(loose(head, path.join(fx.common, "hs-objects", "h1"))).toBe(true);
    expect(fs.existsSync(path.join(fx.common, "objects", "info", "alternates"))).toBe(false);
    expect(() => inShared(head)).toThrow();

    const applied = fx.hs(["merge-back", "h1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fs.readFileSync(path.join(fx.main, "src", "feature.ts"), "utf8")).toBe("export const feature = 1;\n");
    // Another checkout can use the new target at once: every object it needs is in the shared store.
    expect(inShared(head)).toBe("commit");
    expect(fx.git(["fsck", "--strict", "--no-progress", "--no-dangling", "main"]).trim()).toBe("");

    const closed = fx.hs(["session", "close", "h1", "--json"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fs.existsSync(h1)).toBe(false);
    expect(fs.existsSync(path.join(fx.common, "hs-objects", "h1"))).toBe(false);
    expect(fx.git(["fsck", "--strict", "--no-progress"]).trim()).not.toMatch(/missing|broken/);
    expect(fx.git(["cat-file", "-t", head]).trim()).toBe("commit");
    const log = JSON.parse(fx.hs(["log", "--type", "session.closed", "--json"]).stdout);
    expect(log[0].payload.objects_absorbed).toBe(0); // already imported (by content) when merge-back read them
  });
});
