// The real Claude Code client (npm @anthropic-ai/claude-code, its native linux-x64 binary) inside
// `hs session run`, driven non-interactively against a scripted local Messages API: no network, no
// environment workaround (its config and transcripts go to the session's home layer).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, diffSnapshots, outsideSnapshot, type Fixture } from "../sandbox/fixture.ts";
import { hsAsync, REPO_ROOT } from "../helpers/hs.ts";
import { startScriptedServer, type ScriptedServer } from "./messages-server.ts";

const CLAUDE = path.join(REPO_ROOT, "node_modules", "@anthropic-ai", "claude-code-linux-x64", "claude");

let fx: Fixture | undefined;
let server: ScriptedServer | undefined;
afterEach(async () => {
  fx?.hs(["session", "cancel", "s1"]);
  fx?.cleanup();
  await server?.close();
  fx = undefined;
  server = undefined;
});

function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.set(path.relative(root, file), crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
    }
  };
  walk(root);
  return out;
}

function clientEnv(home: string, url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    HOME: home,
    IS_SANDBOX: "1",
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: "test",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    ...extra,
  };
}

const CLIENT_ARGS = ["-p", "Do the scripted task.", "--dangerously-skip-permissions", "--output-format", "stream-json", "--verbose"];

function operatorHome(dir: string): string {
  const home = path.join(dir, "operator-home");
  fs.mkdirSync(path.join(home, ".claude"), { recursive: true });
  fs.writeFileSync(path.join(home, ".claude", "settings.json"), '{"includeCoAuthoredBy": false}\n');
  fs.writeFileSync(path.join(home, ".gitconfig"), "[user]\n\tname = Operator\n\temail = op@example.com\n");
  return home;
}

describe("Claude Code inside a session", () => {
  it("commits in scope; reset --hard, rm -rf of another worktree and an out-of-scope commit are stopped with hs's reason and next step", async () => {
    expect(fs.existsSync(CLAUDE), `${CLAUDE} (npm ci installs @anthropic-ai/claude-code)`).toBe(true);
    fx = buildFixture();
    const home = operatorHome(fx.dir);
    const homeBefore = tree(home);
    const steps = [
      "echo 'export const edited = 1;' > src/edited.ts && git add src/edited.ts && git commit -qm 'in-scope edit' src/edited.ts && echo COMMITTED-IN-SCOPE",
      "git reset --hard",
      `rm -rf ${fx.s2}`,
      "echo out > outside.md && git add outside.md && git commit -qm 'out of scope'",
    ];
    server = await startScriptedServer(steps);
    const outside = outsideSnapshot(fx);
    const run = await hsAsync(["session", "run", "s1", "--", CLAUDE, ...CLIENT_ARGS], {
      cwd: fx.s1,
      env: clientEnv(home, server.url, { HS_APPROVAL_TIMEOUT_SECONDS: "2" }),
    });
    const results = (step: number) => server!.results.get(`toolu_${step}`)?.text ?? "";
    expect(run.code, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    expect(results(0)).toContain("COMMITTED-IN-SCOPE");
    for (const step of [1, 2, 3]) {
      expect(results(step), `step ${step}: ${steps[step]}`).toMatch(/hs: (ask|deny) \[[a-z.-]+\] .+/);
      // The next step: a `next:` command, or (an ask) the request to approve and "run the same command again".
      expect(results(step), `step ${step}: ${steps[step]}`).toMatch(/next: \S+|hs approve ap-\S+.*run the same command again/);
    }
    // The commit lives in the session's private object store until merge-back imports it.
    const log = spawnSync("git", ["log", "-1", "--format=%s", "hs/s1/work"], { cwd: fx.main, encoding: "utf8", env: { ...process.env, GIT_ALTERNATE_OBJECT_DIRECTORIES: path.join(fx.common, "hs-objects", "s1") } });
    expect(log.stdout.trim(), log.stderr).toBe("in-scope edit");
    expect(fs.existsSync(path.join(fx.s2, "secret.txt"))).toBe(true);
    expect(diffSnapshots(outside, outsideSnapshot(fx))).toEqual([]);
    expect(tree(home)).toEqual(homeBefore);
    // The client's own state (config, transcript) lives in the session's home layer.
    const upper = path.join(fx.main, ".handshake", "sessions", "s1", "home-upper");
    const kept = [...tree(upper).keys()];
    expect(kept.some((file) => file.startsWith(".claude/projects/") && file.endsWith(".jsonl")), kept.join("\n")).toBe(true);
  });

  it("the client's Bash timeout kills a waiting command; after hs approve the same command, retried, runs exactly once", async () => {
    fx = buildFixture();
    const home = operatorHome(fx.dir);
    const fixture = fx;
    const approve = async (step: number) => {
      if (step !== 1) return;
      const pending = JSON.parse(fixture.hs(["approvals", "--json"]).stdout) as Array<{ id: string; argv: string[]; status: string }>;
      const reset = pending.find((request) => request.status === "pending" && request.argv.includes("reset"));
      if (!reset) throw new Error(`no pending reset request: ${JSON.stringify(pending)}`);
      const approved = fixture.hs(["approve", reset.id]);
      if (approved.code !== 0) throw new Error(approved.stderr);
    };
    const steps = ["git reset --hard", "git reset --hard && echo RESET-RAN", "git reset --hard"];
    server = await startScriptedServer(steps, { beforeStep: approve });
    const run = await hsAsync(["session", "run", "s1", "--", CLAUDE, ...CLIENT_ARGS], { cwd: fx.s1, env: clientEnv(home, server.url, {
        // 2.1.332 moves a timed-out command to the background unless background tasks are off; then it kills it (143).
        BASH_DEFAULT_TIMEOUT_MS: "3000",
        CLAUDE_CODE_DISABLE_BACKGROUND_TASKS: "1",
        // Longer than the client's timeout, so the client, not hs, ends the wait.
        HS_APPROVAL_TIMEOUT_SECONDS: "8",
      }),
    });
    const results = (step: number) => server!.results.get(`toolu_${step}`)?.text ?? "";
    expect(run.code, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    expect(results(0)).toContain("Exit code 143");
    expect(results(0)).toMatch(/hs: ask \[git\.reset\.hard\]/);
    expect(results(1)).toContain("RESET-RAN");
    // The approval was used up by the retry: the third run asks again.
    expect(results(2)).toMatch(/hs: ask \[git\.reset\.hard\]/);
    expect(results(2)).not.toContain("HEAD is now at");
    expect(fs.readFileSync(path.join(fx.s1, "src", "app.ts"), "utf8")).toBe("export const app = 1;\nwork\n");
    const consumed = JSON.parse(fx.hs(["log", "--type", "approval.consumed", "--json"]).stdout) as Array<{ session_id: string }>;
    expect(consumed.filter((event) => event.session_id === "s1")).toHaveLength(1);
  }, 150_000);
});
