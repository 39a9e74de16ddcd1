// Class 4 of issue 8: paths and working directories in requests from a session are resolved with realpath
// before any check. s1 asks for a lock-mode child whose cwd escapes into the main checkout or into s2, by
// `..`, by a symlink in its worktree and by a nested symlink; every one is refused (HS-PATH-ESCAPE), no
// lock appears outside s1, and everything outside is byte-identical.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, type Fixture } from "../sandbox/fixture.ts";
import { hs } from "../helpers/hs.ts";
import { RAW_SOCKET, attempt, attemptAll, expectFsckClean } from "./guard-fixture.ts";

let fx: Fixture;

beforeAll(async () => {
  fx = buildFixture();
  fs.symlinkSync(fx.main, path.join(fx.s1, "to-main"));
  fs.symlinkSync(fx.s2, path.join(fx.s1, "src", "peer"));
  const warm = await attempt(fx, "true");
  expect(warm.code, warm.stderr).toBe(0);
}, 60_000);
afterAll(() => fx?.cleanup());

const LOCK_CHILD = "session create --isolation lock --scope src/app.ts";

function locks(): Array<{ session_id: string; worktree_path: string }> {
  return JSON.parse(fx.hs(["lock", "list", "--all", "--json"]).stdout);
}

describe("a lock-mode child outside the session's own worktree", () => {
  it("is refused whatever spelling of the cwd gets there; no lock lands in the main checkout or in s2", async () => {
    const result = await attemptAll(fx, [
      ["cd into the main checkout (visible read-only)", `cd ${fx.main} && hs ${LOCK_CHILD}`],
      ["cd through a symlink in the worktree", `cd to-main && hs ${LOCK_CHILD}`],
      ["raw socket: <s1>/../../main-repo", `${RAW_SOCKET} ${fx.s1}/../../main-repo ${LOCK_CHILD}`],
      ["raw socket: <s1>/../s2", `${RAW_SOCKET} ${fx.s1}/../s2 ${LOCK_CHILD}`],
      ["raw socket: symlink to the main checkout", `${RAW_SOCKET} ${fx.s1}/to-main ${LOCK_CHILD}`],
      ["raw socket: path under that symlink", `${RAW_SOCKET} ${fx.s1}/to-main/src ${LOCK_CHILD}`],
      ["raw socket: nested symlink to s2", `${RAW_SOCKET} ${fx.s1}/src/peer ${LOCK_CHILD}`],
      ["raw socket: `..` after the symlink", `${RAW_SOCKET} ${fx.s1}/to-main/../main-repo ${LOCK_CHILD}`],
      ["raw socket: a prefix-sharing sibling", `${RAW_SOCKET} ${fx.s1}x ${LOCK_CHILD}`],
    ]);
    for (const outcome of result.cases) {
      expect(outcome.exit, `${outcome.name}: ${outcome.stderr}`).toBe(77);
      expect(outcome.stderr, outcome.name).toContain("[HS-PATH-ESCAPE]");
      expect(outcome.stderr, outcome.name).toContain(`next: cd ${fx.s1} && hs session create`);
    }
    expect(result.denials.map((event) => event.payload.code)).toEqual(result.cases.map(() => "HS-PATH-ESCAPE"));
    expect(result.changes).toEqual([]);
    expect(locks()).toEqual([]);
    expect(fs.existsSync(path.join(fx.common, "hs-lock-sessions.json"))).toBe(false);
    expectFsckClean(fx);
    // the operator still commits in the main checkout: nothing there is locked
    fs.writeFileSync(path.join(fx.main, "src", "app.ts"), "export const app = 2;\n");
    fx.git(["commit", "-qam", "operator still commits"]);
  });

  it("the operator cannot place a child's locks outside its parent's worktree either (the operation checks, not the front end)", () => {
    const result = hs(["session", "create", "--id", "c9", "--parent", "s1", "--isolation", "lock", "--scope", "src/app.ts"], { cwd: fx.main });
    expect(result.code, result.stderr).toBe(77);
    expect(result.stderr).toContain("[HS-PATH-ESCAPE]");
    expect(locks()).toEqual([]);
  });

  it("inside its own worktree (also through a symlink that stays inside) the lock-mode child is created there", async () => {
    fs.symlinkSync(path.join(fx.s1, "src"), path.join(fx.s1, "own-src"));
    const result = await attempt(fx, `${RAW_SOCKET} ${fx.s1}/own-src ${LOCK_CHILD} --id k1; echo "exit=$?"`);
    expect(result.stdout, result.stderr).toContain("exit=0");
    expect(locks().map((lock) => [lock.session_id, lock.worktree_path])).toEqual([["k1", fx.s1]]);
    expect(result.changes).toEqual([]);
  });
});
