// Class 5: host code never follows a symlink or reads a special file a session planted. In its object store the
// session swaps `pack/` and a loose folder for symlinks into another session's store, plants a FIFO and a symlink
// under loose-object names, and points its alternates at the other store. Closing it imports nothing of the other
// session's, does not hang, and deletes only its own store (never through a link).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attack, buildFixture, expectSharedFsckClean, type Fixture } from "./harness.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture({ sessions: [{ id: "v1", scope: ["src/**"] }, { id: "v2", scope: ["src/**"] }] });
});
afterAll(() => fx?.cleanup());

describe("symlinks and special files in a session store", () => {
  it("are never followed by import or close", async () => {
    // v2's unmerged work, only in v2's private store.
    const work = await attack(fx, `printf 'export const secret = 2;\\n' > src/secret.ts && git add src/secret.ts && git commit -qm secret && /usr/bin/git repack -q -d`, "v2");
    expect(work.code, work.stderr).toBe(0);
    const v2Store = path.join(fx.common, "hs-objects", "v2");
    const v2Blob = fx.git(["rev-parse", "--verify", "hs/v2/work"]).trim(); // the ref is shared; its objects are not
    const v2Packs = fs.readdirSync(path.join(v2Store, "pack"));
    expect(v2Packs.some((name) => name.endsWith(".pack"))).toBe(true);

    const planted = await attack(fx, [
      "set -e; O=$(/usr/bin/git rev-parse --git-common-dir)/objects",
      `/bin/rm -rf "$O/pack" && ln -s ${v2Store}/pack "$O/pack"`,
      `ln -s ${path.join(fx.common, "objects")} "$O/ab"`,
      `mkdir -p "$O/cd" && mkfifo "$O/cd/${"e".repeat(38)}" && ln -s /etc/passwd "$O/cd/${"f".repeat(38)}"`,
      `printf '%s\\n' ${v2Store} > "$O/info/alternates"`,
    ].join("\n"), "v1");
    expect(planted.code, planted.stderr).toBe(0);
    expect(planted.changes).toEqual([]);

    // (No `hs conflicts` here: the radar rightly imports v2's own store, v2 being live.)
    expect(fx.hs(["session", "cancel", "v1", "--reason", "attack"]).code).toBe(0);
    const started = Date.now();
    const closed = fx.hs(["session", "close", "v1"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(fs.existsSync(path.join(fx.common, "hs-objects", "v1"))).toBe(false);
    // Nothing of v2 was imported through v1's links, and v2's store is intact.
    expect(() => fx.git(["cat-file", "-e", v2Blob])).toThrow();
    expect(fs.readdirSync(path.join(v2Store, "pack")).sort()).toEqual(v2Packs.sort());
    expect(fs.existsSync(path.join(fx.common, "objects", "info", "alternates"))).toBe(false);
    expectSharedFsckClean(fx);
  });
});
