// CLI parity for what the API added: `hs approve --session ID` approves every pending request of one session,
// once each with its own approval.decided event, and is the operator's alone.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR } from "../../src/ops/actor.ts";
import { fileRequest } from "../../src/shim/approvals/ops.ts";
import { hs } from "../helpers/hs.ts";
import { api, bodyOf, eventsAfter, serverFixture, type ServerFixture } from "./fixture.ts";

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

describe("hs vcs / hs search / hs job: the API's version.*, context.search and jobs on the command line", () => {
  const call = async (url: string) => bodyOf(await f.handler()(api("GET", url)));

  it("status, diff and search print what the API answers", async () => {
    f.repo.write("src/app.ts", "export const app = 'cli';\n");
    f.repo.write("src/fresh.ts", "fresh cli\n");
    const status = hs(["vcs", "status", "main", "--json"], { cwd: f.repo.root });
    expect(status.code, status.stderr).toBe(0);
    expect(status.json()).toEqual(await call("/api/v1/vcs/status?target=main"));
    const diff = hs(["vcs", "diff", "main", "src/app.ts", "--json"], { cwd: f.repo.root });
    expect(diff.json()).toEqual(await call("/api/v1/vcs/diff?target=main&path=src/app.ts"));
    const search = hs(["search", "main", "cli", "--untracked", "--json"], { cwd: f.repo.root });
    const viaApi = await call("/api/v1/search?target=main&q=cli&untracked=1");
    expect(search.json().results).toEqual(viaApi.results);
    const open = hs(["search", "open", "main", "src/fresh.ts", "1", "--json"], { cwd: f.repo.root });
    expect(open.json()).toEqual(await call("/api/v1/search/open?target=main&path=src/fresh.ts&line=1"));
  });

  it("commit and revert are the operator's: refused inside a session, and recorded like the API's", () => {
    const inside = hs(["vcs", "commit", "main", "-m", "x", "--", "src/app.ts"], { cwd: f.repo.root, env: { HS_REQUESTED_BY_SESSION: "s1" } });
    expect([inside.code, inside.stderr]).toEqual([77, expect.stringContaining("HS-OPERATOR-ONLY")]);
    const index = fs.readFileSync(path.join(f.repo.root, ".git", "index"));
    const before = f.fr.head().seq;
    const commit = hs(["vcs", "commit", "main", "-m", "from the cli", "--json", "--", "src/app.ts"], { cwd: f.repo.root });
    expect(commit.code, commit.stderr).toBe(0);
    expect(fs.readFileSync(path.join(f.repo.root, ".git", "index")).equals(index)).toBe(true);
    expect(eventsAfter(f.fr, before, "vcs.committed")[0]).toMatchObject({ actor: "human", seq: commit.json().event_id });
    const revert = hs(["vcs", "revert", "main", "--json", "--", "src/fresh.ts"], { cwd: f.repo.root });
    expect(revert.code, revert.stderr).toBe(0);
    const approved = hs(["approve", revert.json().request_id, "--json"], { cwd: f.repo.root });
    expect(approved.json().performed).toMatchObject({ deleted: ["src/fresh.ts"] });
    expect(fs.existsSync(path.join(f.repo.root, "src/fresh.ts"))).toBe(false);
  });

  it("hs job: recipes, a custom command filed for approval, list and logs", async () => {
    expect(hs(["job", "recipes", "--json"], { cwd: f.repo.root }).json()).toEqual([]);
    const unknown = hs(["job", "run", "s1", "test"], { cwd: f.repo.root });
    expect([unknown.code, unknown.stderr]).toEqual([5, expect.stringContaining("HS-RECIPE-UNKNOWN")]);
    const custom = hs(["job", "run", "s1", "--json", "--", "echo", "hi"], { cwd: f.repo.root });
    expect(custom.code, custom.stderr).toBe(0);
    const pending = (await call("/api/v1/approvals?session=s1")).requests.map((r: { id: string }) => r.id);
    expect(pending).toContain(custom.json().request_id);
    expect(hs(["job", "list", "--json"], { cwd: f.repo.root }).json()).toEqual((await call("/api/v1/jobs")).jobs);
    const missing = hs(["job", "logs", "job-00000000"], { cwd: f.repo.root });
    expect([missing.code, missing.stderr]).toEqual([5, expect.stringContaining("HS-JOB-NOT-FOUND")]);
  });
});
