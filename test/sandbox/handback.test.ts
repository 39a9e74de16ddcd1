// The whole hand-back for work done inside the sandbox: the commit's objects live in the session's private
// store; merge-back applies them, close absorbs them into the shared store, and the repository stays whole
// even after the private store is gone.
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
  it("merge-back applies a commit made in the sandbox; close absorbs its objects before removing anything", () => {
    fx = buildFixture({ sessions: [{ id: "h1", scope: ["src/**"] }] });
    const h1 = path.join(fx.wts, "h1");
    const run = fx.hs(["session", "run", "h1", "--", "sh", "-c", "printf 'export const feature = 1;\\n' > src/feature.ts && git add src/feature.ts && git commit -qm 'feature from the sandbox'"]);
    expect(run.code, run.stderr).toBe(0);
    const head = fx.git(["rev-parse", "hs/h1/work"]).trim();
    const loose = (oid: string, store: string) => fs.existsSync(path.join(store, oid.slice(0, 2), oid.slice(2)));
    expect(loose(head, path.join(fx.common, "hs-objects", "h1"))).toBe(true);
    expect(loose(head, path.join(fx.common, "objects"))).toBe(false);

    const applied = fx.hs(["merge-back", "h1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fs.readFileSync(path.join(fx.main, "src", "feature.ts"), "utf8")).toBe("export const feature = 1;\n");

    const closed = fx.hs(["session", "close", "h1", "--json"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fs.existsSync(h1)).toBe(false);
    expect(loose(head, path.join(fx.common, "objects"))).toBe(true);
    expect(fs.readFileSync(path.join(fx.common, "objects", "info", "alternates"), "utf8")).not.toContain("hs-objects/h1");
    fs.rmSync(path.join(fx.common, "hs-objects", "h1"), { recursive: true, force: true });
    expect(fx.git(["fsck", "--no-progress"]).trim()).not.toMatch(/missing|broken/);
    expect(fx.git(["cat-file", "-t", head]).trim()).toBe("commit");
    const log = JSON.parse(fx.hs(["log", "--type", "session.closed", "--json"]).stdout);
    expect(log[0].payload.objects_absorbed).toBeGreaterThan(0);
  });
});
