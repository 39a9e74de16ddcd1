// Requests, decisions and grants come back from the Flight Recorder alone (for `hs rebuild`): a realistic
// history through the shim and the CLI, the gate tables emptied, replayed, and the listings compared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { openWorkspace } from "../../src/registry/workspace.ts";
import { openFlightRecorder } from "../../src/registry/flight-recorder.ts";
import { restoreApprovals } from "../../src/shim/approvals/restore.ts";
import { gated, makeGateRepo, type GateRepo } from "./session-shell.ts";

let g: GateRepo;
beforeAll(() => {
  g = makeGateRepo({ s1: ["src/**"], s2: ["src/**"] });
});
afterAll(() => g?.cleanup());

const SHORT = { HS_APPROVAL_TIMEOUT_SECONDS: "1" };
const ask = (session: string, body: string) => {
  const result = gated(session, body, { cwd: g.wt(session), env: SHORT });
  return /approve request (ap-[0-9a-f]{8})/.exec(result.stderr)?.[1] as string;
};
const op = (args: string[]) => {
  const result = hs(args, { cwd: g.repo.root });
  expect(result.code, result.stderr).toBe(0);
};
// Volatile: computed from the clock and from processes alive now.
const stable = (rows: any[]) => rows.map(({ age_seconds, waiters, nobody_waiting_since, ...rest }) => rest);
const listings = () => ({
  requests: stable(hs(["approvals", "--all", "--json"], { cwd: g.repo.root }).json()),
  grants: hs(["grants", "--all", "--json"], { cwd: g.repo.root }).json(),
});

describe("approvals restored from the Flight Recorder", () => {
  it("gives back the same requests, decisions, grants, uses and revocations", () => {
    const once = ask("s1", "git commit -q --no-verify --allow-empty -m r1");
    op(["approve", once, "--reason", "fine once"]);
    gated("s1", "git commit -q --no-verify --allow-empty -m r1", { cwd: g.wt("s1") });
    g.repo.write("../wts/s1/src/junk.tmp", "junk\n");
    const granted = ask("s1", "git clean -q -f -- src/junk.tmp");
    op(["approve", granted, "--scope", "workspace", "--ttl", "2h"]);
    g.repo.write("../wts/s2/src/junk.tmp", "junk\n");
    gated("s2", "git clean -q -f -- src/junk.tmp", { cwd: g.wt("s2"), env: SHORT });
    const job = ask("s2", "git reset -q --hard");
    op(["approve", job, "--scope", "job"]);
    const grants = hs(["grants", "--json"], { cwd: g.repo.root }).json() as any[];
    op(["grants", "revoke", grants.find((grant) => grant.request_id === job).id, "--reason", "enough"]);
    const denied = ask("s1", "git reset -q --hard");
    op(["deny", denied, "--reason", "keep the edits"]);
    gated("s1", "git reset -q --hard", { cwd: g.wt("s1"), env: SHORT });
    ask("s2", "git commit -q --no-verify --allow-empty -m still-pending");
    const before = listings();
    expect(before.requests.length).toBe(5);
    expect(before.grants.length).toBe(2);

    const ws = openWorkspace(g.repo.root);
    const fr = openFlightRecorder(ws.loc.handshakeDir);
    try {
      ws.db.exec("DELETE FROM gate_waiters; DELETE FROM gate_grants; DELETE FROM gate_requests;");
      expect(hs(["approvals", "--all", "--json"], { cwd: g.repo.root }).json()).toEqual([]);
      const report = restoreApprovals(ws, fr.iterate());
      expect(report).toMatchObject({ requests: 5, grants: 2, skipped: 0 });
    } finally {
      fr.close();
      ws.close();
    }
    expect(listings()).toEqual(before);
  });
});
