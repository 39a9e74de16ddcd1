// The one access guard, table-driven over a real index with a session tree s1 -> c1 -> g1 and a stranger s2:
// every actor against every kind of access, and what a refusal looks like (code, hint, access.denied event).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkspace, type Workspace } from "../../src/registry/workspace.ts";
import { openFlightRecorder } from "../../src/registry/flight-recorder.ts";
import { OPERATOR, SYSTEM, sessionActor, type Actor } from "../../src/ops/actor.ts";
import { allows, authorize, type Access } from "../../src/ops/guard.ts";
import { currentActor } from "../../src/ops/current.ts";
import { HsError } from "../../src/errors.ts";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "../sessions/helpers.ts";

let repo: TempRepo;
let ws: Workspace;

beforeAll(() => {
  repo = initRepo();
  for (const [id, parent] of [["s1", null], ["c1", "s1"], ["g1", "c1"], ["s2", null]] as const) {
    const created = hs(["session", "create", "--id", id, "--scope", "src/**", ...(parent ? ["--parent", parent] : [])], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
  }
  ws = openWorkspace(repo.root);
}, 60_000);
afterAll(() => {
  ws?.close();
  repo?.cleanup();
});

const ACTORS: Array<[string, Actor]> = [
  ["operator", OPERATOR],
  ["system", SYSTEM],
  ["s1", sessionActor("s1")],
  ["c1", sessionActor("c1")],
  ["g1", sessionActor("g1")],
  ["s2", sessionActor("s2")],
  ["unknown", sessionActor("(unidentified session)")],
];

// [access, actors allowed]
const TABLE: Array<[Access, string[]]> = [
  [{ who: "anyone" }, ["operator", "system", "s1", "c1", "g1", "s2", "unknown"]],
  [{ who: "operator" }, ["operator", "system"]],
  [{ who: "self", session: "c1" }, ["operator", "system", "c1"]],
  [{ who: "session-tree", session: "g1" }, ["operator", "system", "s1", "c1", "g1"]],
  [{ who: "session-tree", session: "c1" }, ["operator", "system", "s1", "c1"]],
  [{ who: "session-tree", session: "s1" }, ["operator", "system", "s1"]],
  [{ who: "session-tree", session: "s2" }, ["operator", "system", "s2"]],
  [{ who: "session-tree", session: "nope" }, ["operator", "system"]],
];

describe("allows: every actor against every access", () => {
  it.each(TABLE.flatMap(([access, allowed]) => ACTORS.map(([name, actor]) => [JSON.stringify(access), name, actor, access, allowed.includes(name)] as const)))(
    "%s by %s",
    (_label, _name, actor, access, expected) => expect(allows(ws, actor, access)).toBe(expected),
  );
});

describe("authorize: refusals", () => {
  const denials = () => {
    const fr = openFlightRecorder(ws.loc.handshakeDir);
    try {
      return fr.query({ type: "access.denied" });
    } finally {
      fr.close();
    }
  };

  it("an operator verb: HS-OPERATOR-ONLY with the command to run, recorded once", () => {
    const before = denials().length;
    const error = (() => {
      try {
        authorize(ws, sessionActor("c1"), "merge-back c1 --apply", { who: "operator" });
      } catch (caught) {
        return caught as HsError;
      }
    })();
    expect(error?.code).toBe("HS-OPERATOR-ONLY");
    expect(error?.hint).toBe("run it from the operator's own terminal, outside any session: hs merge-back c1 --apply");
    const recorded = denials().slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actor: "agent", session_id: "c1", payload: { actor: "session:c1", verb: "merge-back c1 --apply", code: "HS-OPERATOR-ONLY" } });
  });

  it("another session's tree: HS-ACCESS-DENIED naming the target; an unknown actor id is recorded without a session", () => {
    expect(() => authorize(ws, sessionActor("c1"), "session pause s1", { who: "session-tree", session: "s1" })).toThrow(/may act only on itself and its own descendants, not on 's1'/);
    expect(() => authorize(ws, sessionActor("ghost"), "session cancel s2", { who: "session-tree", session: "s2" })).toThrow(HsError);
    expect(denials().at(-1)).toMatchObject({ session_id: null, payload: { actor: "session:ghost", code: "HS-ACCESS-DENIED", target: "s2" } });
  });

  it("a parent cycle in a corrupt index ends the ancestor walk (refused, not a hang)", () => {
    ws.db.prepare("UPDATE model_sessions SET parent_session_id = 'g1' WHERE session_id = 's1'").run();
    try {
      expect(allows(ws, sessionActor("s2"), { who: "session-tree", session: "g1" })).toBe(false);
    } finally {
      ws.db.prepare("UPDATE model_sessions SET parent_session_id = NULL WHERE session_id = 's1'").run();
    }
  });
});

describe("currentActor", () => {
  it.each([
    ["a forwarded host request", { HS_REQUESTED_BY_SESSION: "s1" }, sessionActor("s1")],
    ["a forwarded request claiming another id in HS_SESSION_ID", { HS_REQUESTED_BY_SESSION: "s1", HS_SESSION_ID: "s2" }, sessionActor("s1")],
    ["a session shell", { HS_SESSION_ID: "c1" }, sessionActor("c1")],
    ["a session marker without its id", { HS_SANDBOX: "bwrap" }, sessionActor("(unidentified session)")],
  ])("%s", (_name, env, expected) => {
    expect(currentActor({ cwd: repo.root, env: { PATH: process.env.PATH, ...env } })).toEqual(expected);
  });
});
