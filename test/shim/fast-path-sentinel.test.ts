// The sh fast path told "unset" from "set" by a sentinel value (`${GIT_CONFIG_GLOBAL-hs-unset}`), so a variable
// set to that very string passed as unset: GIT_CONFIG_GLOBAL=hs-unset made git read ./hs-unset, a file the agent
// writes, as its global config on the fast path. Set-ness is now tested apart from the value.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderShim } from "../../src/shim/render.ts";
import { TOLERATED_VALUES } from "../../src/shim/fast-path-sh.ts";

let dir: string;
beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-sentinel-")));
  const standIn = (name: string, body: string) => {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return path.join(dir, name);
  };
  const values = {
    sessionId: "s1", real: standIn("real-git", "echo FAST"), node: standIn("node", "echo SLOW; exit 77"), entry: "/nonexistent/hs.js",
    worktree: dir, handshakeDir: path.join(dir, ".handshake"), scope: ["**"], governance: [],
  };
  fs.writeFileSync(path.join(dir, "git"), renderShim("git", values), { mode: 0o755 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (env: Record<string, string>) => spawnSync(path.join(dir, "git"), ["status"], { cwd: dir, env: { PATH: "/usr/bin:/bin", ...env }, encoding: "utf8" }).stdout.trim();

describe("tolerated variables on the sh fast path", () => {
  it("unset, or a tolerated value: fast", () => {
    expect(run({})).toBe("FAST");
    for (const [name, values] of Object.entries(TOLERATED_VALUES)) for (const value of values) expect(run({ [name]: value }), `${name}=${value}`).toBe("FAST");
  });
  it.each(Object.keys(TOLERATED_VALUES))("%s=hs-unset (the old sentinel) or set: goes to the gate", (name) => {
    expect(run({ [name]: "hs-unset" })).toBe("SLOW");
    expect(run({ [name]: "set:cat" })).toBe("SLOW");
  });
});
