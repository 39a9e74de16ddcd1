// The real Claude Code client (npm @anthropic-ai/claude-code, its native linux-x64 binary) inside
// `hs session run`, driven non-interactively against a scripted local Messages API: no network, no
// environment workaround (its config and transcripts go to the session's home layer).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
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
    const run = await hsAsync(["session", "run", "s1", "--", CLAUDE, "-p", "Do the scripted task.", "--dangerously-skip-permissions", "--output-format", "stream-json", "--verbose"], {
      cwd: fx.s1,
      env: {
        HOME: home,
        IS_SANDBOX: "1",
        ANTHROPIC_BASE_URL: server.url,
        ANTHROPIC_API_KEY: "test",
        DISABLE_TELEMETRY: "1",
        DISABLE_AUTOUPDATER: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        HS_APPROVAL_TIMEOUT_SECONDS: "2",
      },
    });
    const results = (step: number) => server!.results.get(`toolu_${step}`)?.text ?? "";
    expect(run.code, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    expect(results(0)).toContain("COMMITTED-IN-SCOPE");
    for (const step of [1, 2, 3]) {
      expect(results(step), `step ${step}: ${steps[step]}`).toMatch(/hs: (ask|deny) \[[a-z.-]+\] .+/);
      expect(results(step), `step ${step}: ${steps[step]}`).toMatch(/next: \S+/);
    }
    expect(fx.git(["log", "-1", "--format=%s", "hs/s1/work"]).trim()).toBe("in-scope edit");
    expect(fs.existsSync(path.join(fx.s2, "secret.txt"))).toBe(true);
    expect(diffSnapshots(outside, outsideSnapshot(fx))).toEqual([]);
    expect(tree(home)).toEqual(homeBefore);
    // The client's own state (config, transcript) lives in the session's home layer.
    const upper = path.join(fx.main, ".handshake", "sessions", "s1", "home-upper");
    const kept = [...tree(upper).keys()];
    expect(kept.some((file) => file.startsWith(".claude/projects/") && file.endsWith(".jsonl")), kept.join("\n")).toBe(true);
  });
});
