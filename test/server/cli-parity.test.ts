// CLI parity for what the API added: `hs approve --session ID` approves every pending request of one session,
// once each with its own approval.decided event, and is the operator's alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR } from "../../src/ops/actor.ts";
import { fileRequest } from "../../src/shim/approvals/ops.ts";
import { hs } from "../helpers/hs.ts";
import { eventsAfter, serverFixture, type ServerFixture } from "./fixture.ts";

let f: ServerFixture;
beforeAll(() => {
  f = serverFixture([["s1", null], ["s2", null]]);
}, 90_000);
afterAll(() => f?.cleanup());

const ask = (session: string, argv: string[]) =>
  fileRequest(f.ws, OPERATOR, {
    sessionId: session, workspaceId: f.ws.config.workspace_id, wp: null, mt: null, tool: "git", argv, cwd: f.repo.root,
    rule: "git.reset.hard", reason: "discards uncommitted work", hint: "hs approve {request}", grantable: false, preview: [],
    timeoutSeconds: 600, waiterPid: null,
  });

describe("hs approve --session", () => {
  it("is refused inside a session, then approves each pending request of that session only", () => {
    const mine = [ask("s1", ["git", "reset", "--hard"]), ask("s1", ["git", "clean", "-fd"])];
    const other = ask("s2", ["git", "reset", "--hard"]);
    const inside = hs(["approve", "--session", "s1"], { cwd: f.repo.root, env: { HS_REQUESTED_BY_SESSION: "s1" } });
    expect([inside.code, inside.stderr]).toEqual([77, expect.stringContaining("HS-OPERATOR-ONLY")]);
    const before = f.fr.head().seq;
    const result = hs(["approve", "--session", "s1", "--reason", "batch", "--json"], { cwd: f.repo.root });
    expect(result.code, result.stderr).toBe(0);
    const ids = mine.map((r) => r.id).sort();
    expect(result.json().map((r: { id: string; ok: boolean }) => [r.id, r.ok]).sort()).toEqual(ids.map((id) => [id, true]));
    const decided = eventsAfter(f.fr, before, "approval.decided");
    expect(decided.map((e) => [e.actor, e.session_id]).sort()).toEqual([["human", "s1"], ["human", "s1"]]);
    const still = hs(["approvals", "--json"], { cwd: f.repo.root }).json().map((r: { id: string }) => r.id);
    expect(still).toEqual([other.id]);
    // one id still approves just that request
    expect(hs(["approve", other.id], { cwd: f.repo.root }).code).toBe(0);
    expect(hs(["approve", other.id, mine[0]!.id], { cwd: f.repo.root }).code).toBe(2);
  });
});
