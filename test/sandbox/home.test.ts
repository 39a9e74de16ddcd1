// The per-session home layer, the sanitized git global config, the briefing, the run-line visibility check,
// the private /tmp, and the exit code of `hs session run` when a request still waits at exit.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, diffSnapshots, outsideSnapshot, runIn, type Fixture } from "./fixture.ts";

let fx: Fixture | undefined;
let home: string | undefined;
afterEach(() => {
  fx?.hs(["session", "cancel", "s1"]);
  fx?.cleanup();
  fx = undefined;
  if (home) fs.rmSync(home, { recursive: true, force: true });
  home = undefined;
});

/** A stand-in operator home: a global config with a hook bypass and a shell alias, agent state, a secret. */
function operatorHome(dir: string): string {
  const root = path.join(dir, "operator-home");
  const files: Record<string, string> = {
    ".gitconfig": "[user]\n\tname = Operator\n\temail = op@example.com\n[core]\n\thooksPath = /dev/null\n[alias]\n\tboom = !echo boom\n\tst = status\n",
    ".claude/settings.json": '{"theme":"dark"}\n',
    ".npmrc": "//registry.example/:_authToken=operator-token\n",
    ".ssh/id_ed25519": "operator private key\n",
  };
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      const key = path.relative(root, file);
      if (entry.isDirectory()) {
        out.set(`${key}/`, "dir");
        walk(file);
      } else out.set(key, crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
    }
  };
  walk(root);
  return out;
}

function setup(): { env: NodeJS.ProcessEnv; upper: string } {
  fx = buildFixture();
  home = operatorHome(fx.dir);
  return { env: { HOME: home }, upper: path.join(fx.main, ".handshake", "sessions", "s1", "home-upper") };
}

describe("the per-session home layer", () => {
  it("lets the agent write its home; writes land in the session layer, persist across runs and never reach the operator's home", async () => {
    const { env, upper } = setup();
    const before = tree(home!);
    const outside = outsideSnapshot(fx!);
    const first = await runIn(fx!, 'cat ~/.claude/settings.json && mkdir -p ~/.claude/projects && echo transcript > ~/.claude/projects/t.jsonl && echo cache > ~/.npm-cache && echo x >> ~/.npmrc && echo wrote', { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('"theme":"dark"');
    expect(fs.readFileSync(path.join(upper, ".claude", "projects", "t.jsonl"), "utf8")).toBe("transcript\n");
    const second = await runIn(fx!, "cat ~/.claude/projects/t.jsonl ~/.npm-cache; tail -1 ~/.npmrc", { env });
    expect(second.stdout).toBe("transcript\ncache\nx\n");
    expect(tree(home!)).toEqual(before);
    expect(diffSnapshots(outside, outsideSnapshot(fx!))).toEqual([]);
    const shown = JSON.parse(fx!.hs(["session", "show", "s1", "--json"], fx!.main).stdout) as { home_layer: { bytes: number; path: string } };
    expect(shown.home_layer.path).toBe(upper);
    expect(shown.home_layer.bytes).toBeGreaterThan(20);
  });

  it("a .gitconfig the session writes or points at cannot bypass the hooks or define a program", async () => {
    const { env } = setup();
    const hooks = fx!.git(["config", "core.hooksPath"]).trim();
    const line = [
      "mkdir -p /tmp/evil/git && printf '[core]\\n\\thooksPath = /dev/null\\n[alias]\\n\\tx = !echo pwned\\n' > /tmp/evil/.gitconfig",
      "cp /tmp/evil/.gitconfig /tmp/evil/git/config",
      'echo "[core] hooksPath = /dev/null" > ~/.gitconfig; echo "home-gitconfig=$?"',
      'echo "hooks=$(HOME=/tmp/evil git config --get core.hooksPath)"',
      'echo "xdg=$(XDG_CONFIG_HOME=/tmp/evil git config --get core.hooksPath)"',
      'echo "direct=$(/usr/bin/git config --get core.hooksPath)"',
      "HOME=/tmp/evil git x; echo alias=$?",
      "git boom; echo operator-alias=$?",
      'echo "name=$(git config --global user.name)"',
    ].join("; ");
    const result = await runIn(fx!, line, { env });
    expect(result.stdout).toMatch(/home-gitconfig=[12]/);
    for (const key of ["hooks", "xdg", "direct"]) expect(result.stdout).toContain(`${key}=${hooks}\n`);
    expect(result.stdout).not.toContain("pwned");
    expect(result.stdout).not.toContain("boom\n");
    expect(result.stdout).toMatch(/alias=[1-9]/);
    expect(result.stdout).toContain("name=Operator");
  });

  it("hides the configured home paths and fails closed when the layer cannot be built", async () => {
    const { env } = setup();
    const config = path.join(fx!.main, ".handshake", "workspace.json");
    const parsed = JSON.parse(fs.readFileSync(config, "utf8"));
    fs.writeFileSync(config, JSON.stringify({ ...parsed, sandbox: { ...parsed.sandbox, home_hidden: [".ssh", ".npmrc"] } }));
    const hidden = await runIn(fx!, "ls -A ~/.ssh; echo ssh=$?; wc -c < ~/.npmrc", { env });
    expect(hidden.stdout).toBe("ssh=0\n0\n");
    const broken = await runIn(fx!, "echo ran", { env: { HOME: "/" } });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("[HS-HOME-LAYER]");
    expect(broken.stdout).not.toContain("ran");
  });

  it("close removes the layer with the session", async () => {
    fx = buildFixture({ sessions: [{ id: "s3", scope: ["src/**"] }] });
    home = operatorHome(fx.dir);
    const upper = path.join(fx.main, ".handshake", "sessions", "s3", "home-upper");
    const ran = await runIn(fx, "echo kept > ~/state", { id: "s3", cwd: path.join(fx.wts, "s3"), env: { HOME: home } });
    expect(ran.code, ran.stderr).toBe(0);
    expect(fs.existsSync(path.join(upper, "state"))).toBe(true);
    expect(fx.hs(["session", "cancel", "s3"]).code).toBe(0);
    const closed = fx.hs(["session", "close", "s3"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fs.existsSync(upper)).toBe(false);
  });
});

describe("what the agent is told", () => {
  it("prints the briefing on stderr, exports HS_BRIEFING, and hs session rules prints the same text", async () => {
    const { env } = setup();
    const result = await runIn(fx!, 'cat "$HS_BRIEFING"', { env });
    const rules = fx!.hs(["session", "rules", "s1"], fx!.main);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain("hand back: commit on hs/s1/work");
    expect(result.stdout).toBe(result.stderr.slice(0, result.stdout.length));
    expect(result.stdout).toContain(`write:    ${fx!.s1}`);
  });

  it("refuses, before start, a command the sandbox cannot see, and says where to put it", async () => {
    const { env } = setup();
    const script = path.join(fx!.dir, "..", `hs-visible-${process.pid}.sh`);
    fs.writeFileSync(script, "#!/bin/sh\necho ran\n", { mode: 0o755 });
    try {
      const result = fx!.hs(["session", "run", "s1", "--", script], fx!.s1);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("[HS-RUN-NOT-VISIBLE]");
      expect(result.stderr).toContain("private /tmp");
      expect(result.stderr).toMatch(/next: mkdir -p .*\.local\/bin/);
      expect(result.stdout).not.toContain("ran");
      expect(JSON.parse(fx!.hs(["session", "show", "s1", "--json"]).stdout).state).not.toBe("active");
    } finally {
      fs.rmSync(script, { force: true });
    }
    expect(env.HOME).toBeTruthy();
  });

  it("rm in the sandbox's private /tmp runs without asking", async () => {
    const { env } = setup();
    const result = await runIn(fx!, "mkdir -p /tmp/work/a && touch /tmp/work/a/f /tmp/one && rm /tmp/one && rm -rf /tmp/work && echo removed", { env: { ...env, HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(result.stderr).not.toContain("hs: ask");
    expect(result.stdout).toContain("removed");
  });
});

describe("hs session run at exit", () => {
  it("passes the agent's exit code through and records it while a gated command still waits", async () => {
    const { env } = setup();
    const result = await runIn(fx!, "git reset --hard & sleep 2; exit 3", { env });
    expect(result.code).toBe(3);
    expect(result.stderr).not.toMatch(/TypeError|database connection/);
    const events = JSON.parse(fx!.hs(["log", "--type", "terminal_command", "--json"]).stdout) as Array<{ session_id: string; payload: { exit_code: number } }>;
    expect(events.filter((event) => event.session_id === "s1").at(-1)?.payload.exit_code).toBe(3);
    const pending = fx!.hs(["approvals", "--json"]);
    expect(pending.stdout).not.toContain('"status":"pending"');
  });
});
