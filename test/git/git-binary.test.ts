import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { PATH: process.env.PATH, HS_GIT_BINARY: process.env.HS_GIT_BINARY };
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.HS_GIT_BINARY === undefined) delete process.env.HS_GIT_BINARY;
  else process.env.HS_GIT_BINARY = saved.HS_GIT_BINARY;
  vi.resetModules();
});

describe("gitBinary", () => {
  it("skips a session's shim directory on PATH, so hs's own git calls are never gated", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-gitbin-"));
    const shim = path.join(dir, ".handshake", "sessions", "s1", "bin");
    fs.mkdirSync(shim, { recursive: true });
    fs.writeFileSync(path.join(shim, "git"), "#!/bin/sh\nexit 99\n", { mode: 0o755 });
    delete process.env.HS_GIT_BINARY;
    process.env.PATH = `${shim}:/usr/bin:/bin`;
    const { gitBinary, runGitSync } = await import("../../src/git/run.ts");
    expect(gitBinary()).toBe("/usr/bin/git");
    expect(runGitSync({ args: ["--version"], cwd: dir }).code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("honours HS_GIT_BINARY", async () => {
    process.env.HS_GIT_BINARY = "/opt/custom/git";
    const { gitBinary } = await import("../../src/git/run.ts");
    expect(gitBinary()).toBe("/opt/custom/git");
  });
});
