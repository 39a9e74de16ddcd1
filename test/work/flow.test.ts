// The work model end to end on a real repository and the real sandbox: a WP with two MTs, two sessions bound
// to them working in parallel, a handoff written from inside, merge-back of both, MTs done, WP gated and done,
// the board regenerated at each step; then devcc.db deleted and rebuilt to the same listings; then a session
// trying to write .handshake/gov/ is refused by every layer and nothing outside it changes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hs, hsAsync } from "../helpers/hs.ts";

let repo: TempRepo;
let board: () => string;
const run = (args: string[], expectCode = 0) => {
  const result = hs(args, { cwd: repo.root });
  expect(result.code, `hs ${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(expectCode);
  return result;
};
const json = <T = any>(args: string[]): T => run([...args, "--json"]).json<T>();
const inSession = (id: string, line: string) =>
  hsAsync(["session", "run", id, "--", "sh", "-c", line], { cwd: path.join(repo.dir, "repo.hs", id) });
const lane = (text: string, name: string) => text.slice(text.indexOf(`## ${name} `)).split("\n## ")[0]!;

beforeAll(() => {
  repo = makeTempRepo();
  run(["init"]);
  board = () => fs.readFileSync(path.join(repo.root, ".handshake", "gov", "TASK_BOARD.md"), "utf8");
});
afterAll(() => repo?.cleanup());

test("WP -> two MTs -> two sandboxed sessions -> handoff -> merge-back -> done, the board following every step", async () => {
  run(["wp", "create", "--id", "WP-1", "--title", "Checkout", "--priority", "1"]);
  expect(lane(board(), "STUB")).toContain("**WP-1** Checkout");
  run(["mt", "add", "WP-1", "--id", "MT-001", "--name", "code", "--files-modify", "src/**"]);
  run([
    "mt",
    "add",
    "WP-1",
    "--id",
    "MT-002",
    "--name",
    "docs",
    "--files-modify",
    "docs/**",
    "--files-create",
    "docs/new.md",
  ]);
  expect(lane(board(), "STUB")).toContain("[ ] MT-002 docs (pending)");
  run(["session", "create", "--mt", "MT-001", "--id", "early"], 4); // a stub is not workable yet
  run(["wp", "ready", "WP-1"]);
  expect(lane(board(), "READY")).toContain("**WP-1**");
  run(["anchor", "create", "--id", "AN-1", "--title", "Checkout works", "--criterion", "empty carts refused"]);
  run(["anchor", "link", "AN-1", "--wp", "WP-1"]);
  run(["anchor", "note", "AN-1", "--text", "started"]);
  // The operator commits the records; from here on hs keeps rewriting them in the main checkout.
  repo.git(["add", ".handshake/gov"]);
  repo.git(["commit", "-qm", "plan WP-1"]);

  const [c1, c2] = await Promise.all([
    hsAsync(["session", "create", "--mt", "MT-001", "--id", "s1", "--json"], { cwd: repo.root }),
    hsAsync(["session", "create", "--mt", "MT-002", "--id", "s2", "--json"], { cwd: repo.root }),
  ]);
  expect(c1.code, c1.stderr).toBe(0);
  expect(c2.code, c2.stderr).toBe(0);
  expect(c1.json()).toMatchObject({ scope: ["src/**"], wp: "WP-1", mt: "MT-001" });
  expect(c2.json()).toMatchObject({ scope: ["docs/**", "docs/new.md"], wp: "WP-1", mt: "MT-002" });
  expect(json(["mt", "show", "MT-002"]).session_ids).toEqual(["s2"]);
  run(["session", "create", "--mt", "MT-001", "--scope", "docs/**"], 2); // wider than the task

  const [r1, r2] = await Promise.all([
    inSession(
      "s1",
      "echo more >> src/app.ts && git commit -qam code && hs handoff write s1 --done-text 'app extended' --remaining-text 'nothing' --decision 'kept the API'",
    ),
    inSession(
      "s2",
      "echo new > docs/new.md && git add docs/new.md && git commit -qm docs && hs wp update WP-1 --title hijacked",
    ),
  ]);
  expect(r1.code, r1.stderr).toBe(0);
  expect(r2.code).toBe(77); // the commit went through; the operator verb was refused inside the session
  expect(r2.stderr).toContain("HS-OPERATOR-ONLY");
  expect(json(["wp", "show", "WP-1"])).toMatchObject({
    title: "Checkout",
    status: "in_progress",
    micro_tasks: [{ status: "in_progress" }, { status: "in_progress" }],
  });
  expect(lane(board(), "IN_PROGRESS")).toMatch(/MT-001 code \(in_progress · sessions: s1\)/);
  expect(json(["handoff", "list", "--mt", "MT-001"])).toMatchObject([
    { execution_session_id: "s1", decisions: ["kept the API"], created_by: "session:s1" },
  ]);

  expect(repo.git(["status", "--porcelain"]).stdout).toContain(".handshake/gov/TASK_BOARD.md");
  run(["merge-back", "s1", "--apply"]); // governance records dirty in the target checkout do not block it
  run(["merge-back", "s2", "--apply"]);
  expect(repo.read("docs/new.md")).toBe("new\n");
  expect(repo.read("src/app.ts")).toContain("more");
  const shown = json(["wp", "show", "WP-1"]);
  expect(shown.micro_tasks.map((mt: any) => mt.sessions[0].merge_backs[0].status)).toEqual(["applied", "applied"]);
  run(["wp", "gate", "WP-1"], 4); // MTs still open
  run(["mt", "done", "MT-001"]);
  run(["mt", "done", "MT-002"]);
  run(["wp", "gate", "WP-1"]);
  expect(lane(board(), "GATED")).toContain("MTs 2/2");
  run(["wp", "done", "WP-1", "--reason", "reviewed"]);
  expect(lane(board(), "DONE")).toContain("[x] MT-002 docs (completed)");

  run(["session", "close", "s1"]);
  expect(run(["session", "close", "s2"], 4).stderr).toContain("HS-HANDOFF-REQUIRED");
  run(["session", "close", "s2", "--no-handoff", "--reason", "docs only"]);
  expect(json(["log", "--type", "handoff.waived"])).toMatchObject([
    { session_id: "s2", wp_id: "WP-1", mt_id: "MT-002", payload: { reason: "docs only" } },
  ]);

  const wpTypes = json<any[]>(["log", "--wp", "WP-1"]).map((event) => event.type);
  for (const type of [
    "work_packet_created",
    "micro_tasks_registered",
    "mt_started",
    "handoff.written",
    "work_packet_gated",
    "work_packet_completed",
  ])
    expect(wpTypes).toContain(type);
  expect(json<any[]>(["log", "--mt", "MT-002"]).every((event) => event.mt_id === "MT-002")).toBe(true);
}, 180_000); // two sandboxed sessions through a whole work packet: about a minute on a loaded 2-core machine

test("devcc.db deleted: hs rebuild restores the same listings from .handshake/gov/ and the Flight Recorder", () => {
  const listings = () => ({
    wps: json(["wp", "list"]),
    mts: json(["mt", "list"]),
    wp: json(["wp", "show", "WP-1"]),
    handoffs: json(["handoff", "list"]),
    anchors: json(["anchor", "list"]),
    ready: json(["wp", "ready-list"]),
  });
  const before = listings();
  for (const suffix of ["", "-wal", "-shm"])
    fs.rmSync(path.join(repo.root, ".handshake", `devcc.db${suffix}`), { force: true });
  const rebuilt = json(["rebuild"]);
  expect(rebuilt.work).toMatchObject({ work_packets: 1, micro_tasks: 2, anchors: 1, handoffs: 1, warnings: [] });
  expect(listings()).toEqual(before);
});

test("a session trying to write .handshake/gov/ is refused by every layer; nothing outside it changes", async () => {
  repo.git(["add", ".handshake/gov"]);
  repo.git(["commit", "-qm", "work records"]);
  run(["session", "create", "--id", "s3", "--scope", "src/**"]);
  const wt = path.join(repo.dir, "repo.hs", "s3");
  const gov = ".handshake/gov/work_packets/WP-1/packet.json";
  await inSession("s3", "true");
  const before = snapshot();
  const attempts: Array<[string, string, number | "nonzero", RegExp]> = [
    ["sandbox: the worktree copy is read-only", `echo '{}' > ${gov}`, "nonzero", /Read-only file system/],
    [
      "sandbox: the main checkout's records are read-only",
      `echo '{}' > ${path.join(repo.root, gov)}`,
      "nonzero",
      /Read-only file system/,
    ],
    [
      "sandbox: the board cannot be replaced",
      `mv .handshake/gov/TASK_BOARD.md /tmp/x`,
      "nonzero",
      /Read-only file system|Device or resource busy|Permission denied/,
    ],
    ["shim: rm is refused", `rm -f ${gov}`, 77, /hs: deny/],
    [
      "hook: a commit that stages a governance change",
      `B=$(echo '{}' | /usr/bin/git hash-object -w --stdin) && /usr/bin/git update-index --cacheinfo 100644,$B,${gov} && /usr/bin/git commit -qm gov`,
      "nonzero",
      /HS-GOVERNANCE-PATH/,
    ],
    ["hook: the same with --no-verify", `/usr/bin/git commit --no-verify -qm gov`, "nonzero", /HS-GOVERNANCE-PATH/],
    ["ops: a work verb from inside", "hs wp cancel WP-1", 77, /HS-OPERATOR-ONLY/],
  ];
  const head = repo.git(["rev-parse", "hs/s3/work"]).stdout.trim();
  for (const [name, line, code, says] of attempts) {
    const result = await inSession("s3", line);
    if (code === "nonzero") expect(result.code, `${name}\n${result.stderr}`).not.toBe(0);
    else expect(result.code, `${name}\n${result.stderr}`).toBe(code);
    expect(result.stderr, name).toMatch(says);
  }
  expect(snapshot()).toEqual(before);
  expect(repo.git(["rev-parse", "hs/s3/work"]).stdout.trim()).toBe(head);

  // Merge-back re-validates even when a governance change reaches the branch some other way.
  const blob = repo.git(["hash-object", "-w", "--stdin"], { input: "{}\n" }).stdout.trim();
  repo.git(["read-tree", "hs/s3/work"], { env: { GIT_INDEX_FILE: path.join(repo.dir, "idx") } });
  repo.git(["update-index", "--cacheinfo", `100644,${blob},${gov}`], {
    env: { GIT_INDEX_FILE: path.join(repo.dir, "idx") },
  });
  const smuggled = repo.git(["write-tree"], { env: { GIT_INDEX_FILE: path.join(repo.dir, "idx") } }).stdout.trim();
  const commit = repo.git(["commit-tree", smuggled, "-p", "hs/s3/work", "-m", "smuggled"]).stdout.trim();
  repo.git(["update-ref", "refs/heads/hs/s3/work", commit]);
  repo.git(["reset", "-q", "--hard"], { cwd: wt }); // a consistent worktree, as a successful bypass would leave it
  const refused = hs(["merge-back", "s3"], { cwd: repo.root });
  expect(refused.code, refused.stderr).toBe(3);
  expect(refused.stdout + refused.stderr).toContain("HS-MERGE-GOVERNANCE");
  expect(fs.existsSync(path.join(wt, gov))).toBe(true);

  function snapshot(): Record<string, string> {
    const out: Record<string, string> = { head: repo.git(["rev-parse", "HEAD"]).stdout.trim() };
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else
          out[path.relative(repo.root, file)] = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
      }
    };
    walk(path.join(repo.root, ".handshake", "gov"));
    walk(path.join(repo.root, "src"));
    walk(path.join(repo.root, "docs"));
    return out;
  }
});
