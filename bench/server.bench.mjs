// DCC server bench (hs ui): list endpoints over a real loopback socket with 50 sessions and 1,000 approval
// requests (500 pending, 500 decided), against `git worktree list` over the same 50 worktrees in the same run;
// and the event stream's delivery time for events written by another process (budget: <= 500 ms); version.status and
// context.search against raw `git status` / `git grep` in the same repository.
// SERVER_BENCH_SESSIONS / SERVER_BENCH_APPROVALS scale the data.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { BENCH_ENV, HS, median, note, report, run, timeMany } from "./lib.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SESSIONS = Number(process.env.SERVER_BENCH_SESSIONS ?? 50);
const APPROVALS = Number(process.env.SERVER_BENCH_APPROVALS ?? 1000);
const ROUNDS = 30;
const VCS_FILES = Number(process.env.SERVER_BENCH_VCS_FILES ?? 2000);

async function bundle(dir) {
  const file = path.join(dir, "server.mjs");
  const contents = [
    'export { startServer } from "./src/server/index.ts";',
    'export { openWorkspace } from "./src/registry/workspace.ts";',
    'export { insertRequest, decideRequest } from "./src/shim/approvals/requests.ts";',
    'export { recordEvent } from "./src/registry/flight-recorder.ts";',
  ].join("\n");
  await build({
    stdin: { contents, resolveDir: root, loader: "ts" }, outfile: file, bundle: true, format: "esm", platform: "node", target: "node20",
    external: ["better-sqlite3", "node-pty"], logLevel: "error",
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  fs.writeFileSync(path.join(dir, "writer.mjs"), `import { recordEvent } from "./server.mjs";
const [handshakeDir, count, gapMs] = process.argv.slice(2);
for (let i = 0; i < Number(count); i += 1) {
  recordEvent(handshakeDir, { type: "terminal_command", actor: "agent", session_id: "s0", payload: { i, bench: true } });
  await new Promise((resolve) => setTimeout(resolve, Number(gapMs)));
}
`);
  return { lib: await import(pathToFileURL(file).href), writer: path.join(dir, "writer.mjs") };
}

function get(port, token, url) {
  return new Promise((resolve, reject) => {
    const agent = get.agent ??= new http.Agent({ keepAlive: true, maxSockets: 1 });
    const started = performance.now();
    http.get({ host: "127.0.0.1", port, path: url, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let size = 0;
      res.on("data", (chunk) => (size += chunk.length));
      res.on("end", () => (res.statusCode === 200 ? resolve({ ms: performance.now() - started, size }) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on("error", reject);
  });
}

async function timeGet(port, token, url) {
  // a keep-alive socket that idled while raw git was timed may have been closed by the server
  get.agent?.destroy();
  get.agent = undefined;
  await get(port, token, url);
  const times = [];
  for (let i = 0; i < ROUNDS; i += 1) times.push((await get(port, token, url)).ms);
  return median(times);
}

function seed(lib, repo) {
  for (let i = 0; i < SESSIONS; i += 1) run(process.execPath, [HS, "session", "create", "--id", `s${i}`, "--scope", `src/m${i}/**`], { cwd: repo, env: BENCH_ENV });
  const ws = lib.openWorkspace(repo);
  for (let i = 0; i < APPROVALS; i += 1) {
    const request = lib.insertRequest(ws.db, {
      sessionId: `s${i % SESSIONS}`, workspaceId: ws.config.workspace_id, wp: null, mt: null, tool: "git", argv: ["git", "reset", "--hard", `HEAD~${i}`],
      cwd: repo, rule: "git.reset.hard", reason: "discards uncommitted work", hint: "hs approve {request}", grantable: false,
      preview: [{ title: "uncommitted changes", entries: [{ kind: "uncommitted", text: ` M src/m${i}/a.ts` }], truncated: false }],
      timeoutSeconds: 86_400, waiterPid: null,
    });
    if (i % 2) lib.decideRequest(ws.db, request.id, { status: "denied", by: "bench", scope: null, reason: "bench", grantId: null });
  }
  return ws;
}

/** Median delay between an event's timestamp and its arrival on the stream, over events another process writes. */
async function streamLatency(server, writer, handshakeDir, count) {
  const arrivals = [];
  const req = http.get({ host: "127.0.0.1", port: server.port, path: "/api/v1/events/stream?type=terminal_command", headers: { authorization: `Bearer ${server.auth.apiToken}` } });
  const response = await new Promise((resolve) => req.on("response", resolve));
  response.setEncoding("utf8");
  let buffer = "";
  response.on("data", (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
      buffer = buffer.slice(end + 2);
      if (data) arrivals.push(Date.now() - Date.parse(JSON.parse(data).timestamp));
    }
  });
  await new Promise((resolve, reject) => spawn(process.execPath, [writer, handshakeDir, String(count), "37"], { stdio: "inherit" }).on("close", (code) => (code ? reject(new Error(`writer ${code}`)) : resolve())));
  const deadline = Date.now() + 5_000;
  while (arrivals.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  req.destroy();
  return { median: median(arrivals), max: Math.max(...arrivals), received: arrivals.length };
}

/**
 * version.status and context.search against raw git in the same repository: main with VCS_FILES committed files
 * (20 modified, 5 untracked), and session s0's worktree through the hardened runner.
 */
async function vcsFigures(server, repo, git) {
  const token = server.auth.apiToken;
  for (let i = 0; i < VCS_FILES; i += 1) {
    const file = path.join(repo, "src", `d${i % 50}`, `f${i}.ts`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `export const f${i} = ${i};\n${i % 100 === 0 ? "// needle\n" : ""}`);
  }
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "bench files"]);
  for (let i = 0; i < 20; i += 1) fs.appendFileSync(path.join(repo, "src", `d${i % 50}`, `f${i}.ts`), "// changed\n");
  for (let i = 0; i < 5; i += 1) fs.writeFileSync(path.join(repo, "src", `new${i}.ts`), "new\n");
  const rawStatus = median(timeMany(ROUNDS, () => git(["status", "--porcelain=v1", "-z", "--untracked-files=all"])));
  const status = await timeGet(server.port, token, "/api/v1/vcs/status?target=main");
  report({ name: `version.status of main, ${VCS_FILES} files (GET /api/v1/vcs/status)`, hsMs: status, gitMs: rawStatus });
  const s0 = path.join(repo, "..", "wts", "s0");
  const rawSession = median(timeMany(ROUNDS, () => run("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all"], { cwd: s0, env: BENCH_ENV })));
  const sessionStatus = await timeGet(server.port, token, "/api/v1/vcs/status?target=s0");
  report({ name: "version.status of a session worktree (hardened runner)", hsMs: sessionStatus, gitMs: rawSession });
  const rawGrep = median(timeMany(ROUNDS, () => run("git", ["grep", "-n", "-I", "--null", "-F", "-e", "needle"], { cwd: repo, env: BENCH_ENV, check: false })));
  const search = await timeGet(server.port, token, "/api/v1/search?target=main&q=needle");
  report({ name: `context.search of main, ${VCS_FILES} files (GET /api/v1/search)`, hsMs: search, gitMs: rawGrep });
}

export default async function () {
  const cache = path.join(root, "node_modules", ".cache", `hs-server-bench-${process.pid}`);
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(root, "node_modules", ".cache", "hs-server-repo-")));
  try {
    const { lib, writer } = await bundle(cache);
    const repo = path.join(dir, "repo");
    fs.mkdirSync(path.join(repo, "src"), { recursive: true });
    fs.writeFileSync(path.join(repo, "src", "a.ts"), "export const a = 1;\n");
    const git = (args) => run("git", args, { cwd: repo, env: BENCH_ENV });
    git(["init", "-q", "-b", "main"]);
    git(["add", "-A"]);
    git(["commit", "-q", "-m", "init"]);
    run(process.execPath, [HS, "init", "--worktrees-dir", "../wts"], { cwd: repo, env: BENCH_ENV });
    const ws = seed(lib, repo);
    const server = await lib.startServer({ ws, host: "127.0.0.1", port: 0 });
    try {
      const token = server.auth.apiToken;
      const worktrees = median(timeMany(ROUNDS, () => git(["worktree", "list", "--porcelain"])));
      const sessions = await timeGet(server.port, token, "/api/v1/sessions");
      const pending = await timeGet(server.port, token, "/api/v1/approvals");
      const all = await timeGet(server.port, token, "/api/v1/approvals?status=all");
      const board = await timeGet(server.port, token, "/api/v1/work/packets");
      const events = await timeGet(server.port, token, "/api/v1/events?limit=200");
      report({ name: `GET /api/v1/sessions, ${SESSIONS} sessions`, hsMs: sessions, gitMs: worktrees, budget: "<= 50 ms" });
      report({ name: `GET /api/v1/approvals, ${APPROVALS / 2} pending`, hsMs: pending, gitMs: worktrees, budget: "<= 50 ms" });
      report({ name: `GET /api/v1/approvals?status=all, ${APPROVALS} requests`, hsMs: all, gitMs: worktrees, budget: "<= 50 ms" });
      report({ name: "GET /api/v1/work/packets (empty board)", hsMs: board, gitMs: worktrees });
      report({ name: "GET /api/v1/events?limit=200", hsMs: events, gitMs: worktrees });
      await vcsFigures(server, repo, git, worktrees);
      const latency = await streamLatency(server, writer, ws.loc.handshakeDir, 20);
      note(`event stream: an event written by another process arrives after ${latency.median} ms median, ${latency.max} ms max ` +
        `(${latency.received}/20 received; budget <= 500 ms: ${latency.max <= 500 ? "met" : "MISSED"}; poll interval 200 ms)`);
    } finally {
      await server.close();
      ws.close();
    }
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
