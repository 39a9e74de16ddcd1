// Jobs over the in-process handler: a workspace.json recipe runs in the session's real sandbox as a job (201), its
// output streams and ends up as an artifact; a custom command only files an approval (202) and runs once approved;
// a session may not start jobs in another session (guard); an invalid recipes block fails closed.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionActor } from "../../src/ops/actor.ts";
import { hs } from "../helpers/hs.ts";
import { api, bodyOf, eventsAfter, serverFixture, type ServerFixture } from "./fixture.ts";

const RECIPES = {
  answer: ["sh", "-c", "echo job-output-$((6*7)); pwd; exit 3"],
  ok: ["sh", "-c", "echo fine"],
};

let f: ServerFixture;
beforeAll(() => {
  f = serverFixture([["s1", null], ["s2", null]], (repo) => {
    const file = path.join(repo.root, ".handshake", "workspace.json");
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), recipes: RECIPES }, null, 2));
  });
}, 90_000);
afterAll(() => f?.cleanup());

const call = (method: string, url: string, body?: unknown) => f.handler()(api(method, url, body));
const head = () => f.fr.head().seq;

async function finished(id: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const job = bodyOf(await call("GET", "/api/v1/jobs")).jobs.find((j: { job_id: string }) => j.job_id === id);
    if (job && (job.state === "succeeded" || job.state === "failed")) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("recipes and jobs", () => {
  it("lists the recipes and runs one in the session's sandbox: output streamed, kept as an artifact, events recorded", async () => {
    expect(bodyOf(await call("GET", "/api/v1/recipes"))).toEqual({ recipes: [{ name: "answer", command: RECIPES.answer }, { name: "ok", command: RECIPES.ok }] });
    const before = head();
    const started = await call("POST", "/api/v1/jobs", { session: "s1", recipe: "answer" });
    expect(started.status).toBe(201);
    const { job_id, state } = bodyOf(started);
    expect(state).toBe("queued");
    const stream = await call("GET", `/api/v1/jobs/${job_id}/output`);
    expect(stream.kind).toBe("stream");
    const frames: string[] = [];
    const stop = stream.kind === "stream" ? stream.open((frame) => frames.push(frame)) : () => {};
    const job = await finished(job_id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop();
    expect(job).toMatchObject({ job_id, session: "s1", recipe: "answer", command: RECIPES.answer, state: "failed", exit_code: 3, started_at: expect.any(String), ended_at: expect.any(String) });
    expect(frames.join("")).toContain("job-output-42");
    const tail = bodyOf(await call("GET", `/api/v1/jobs/${job_id}/output?format=json`));
    expect(tail.text).toContain("job-output-42");
    // it ran in the session's worktree, inside the sandbox (the host's briefing comes first)
    const worktree = bodyOf(await call("GET", "/api/v1/sessions/s1")).worktree;
    expect(tail.text).toContain(`\n${worktree}\n`);
    const artifact = fs.readFileSync(path.join(f.ws.loc.handshakeDir, job.artifact as string), "utf8");
    expect(artifact).toContain("job-output-42");
    const events = eventsAfter(f.fr, before).filter((e) => e.type.startsWith("job.") || e.type === "host.started");
    expect(events.map((e) => [e.type, e.actor])).toEqual([["job.queued", "human"], ["job.started", "system"], ["host.started", "system"], ["job.finished", "system"]]);
    expect(events.find((e) => e.type === "host.started")?.payload).toMatchObject({ sandboxed: true, argv: RECIPES.answer });
    expect(events.at(-1)?.payload).toMatchObject({ job_id, exit_code: 3, state: "failed", output_artifact: job.artifact });
  }, 60_000);

  it("files a custom command as an approval and starts it only when the operator approves", async () => {
    const asked = await call("POST", "/api/v1/jobs", { session: "s1", command: ["sh", "-c", "echo custom-ran"] });
    expect(asked.status).toBe(202);
    const { request_id } = bodyOf(asked);
    expect(bodyOf(await call("GET", "/api/v1/jobs?session=s1")).jobs).toHaveLength(1);
    const request = bodyOf(await call("GET", "/api/v1/approvals?session=s1")).requests.find((r: { id: string }) => r.id === request_id);
    expect(request).toMatchObject({ rule: "hs.job.custom", argv: ["hs", "job", "run", "s1", "--", "sh", "-c", "echo custom-ran"] });
    const bySession = await f.handler(sessionActor("s1"))(api("POST", `/api/v1/approvals/${request_id}/approve`, {}));
    expect([bySession.status, bodyOf(bySession).error.code]).toEqual([403, "HS-OPERATOR-ONLY"]);
    const approved = bodyOf(await call("POST", `/api/v1/approvals/${request_id}/approve`, {}));
    expect(approved.performed).toMatchObject({ job_id: expect.stringMatching(/^job-/), state: "queued" });
    const job = await finished(approved.performed.job_id);
    expect(job).toMatchObject({ state: "succeeded", exit_code: 0, request_id });
    expect(bodyOf(await call("GET", `/api/v1/jobs/${job.job_id}/output?format=json`)).text).toContain("custom-ran");
  }, 60_000);

  it("refuses an unknown recipe, and a session starting a job in another session (guard, access.denied)", async () => {
    const unknown = await call("POST", "/api/v1/jobs", { session: "s1", recipe: "deploy" });
    expect([unknown.status, bodyOf(unknown).error.code]).toEqual([404, "HS-RECIPE-UNKNOWN"]);
    const before = head();
    const other = await f.handler(sessionActor("s2"))(api("POST", "/api/v1/jobs", { session: "s1", recipe: "ok" }));
    expect([other.status, bodyOf(other).error.code]).toEqual([403, "HS-ACCESS-DENIED"]);
    expect(eventsAfter(f.fr, before, "access.denied")[0]).toMatchObject({ actor: "agent", session_id: "s2" });
    expect(eventsAfter(f.fr, before, "job.queued")).toEqual([]);
    const missing = await call("GET", "/api/v1/jobs/job-00000000/output");
    expect([missing.status, bodyOf(missing).error.code]).toEqual([404, "HS-JOB-NOT-FOUND"]);
  });

  it("fails closed on an invalid recipes block: HS-CONFIG-INVALID with path: message, nothing runs", () => {
    const file = path.join(f.repo.root, ".handshake", "workspace.json");
    const good = fs.readFileSync(file, "utf8");
    try {
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(good), recipes: { "Run Tests": ["npm", "test"], lint: [] } }));
      const result = hs(["job", "run", "s1", "lint"], { cwd: f.repo.root });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("HS-CONFIG-INVALID");
      expect(result.stderr).toContain("recipes.Run Tests");
      expect(result.stderr).toContain("recipes.lint");
    } finally {
      fs.writeFileSync(file, good);
    }
  });
});
