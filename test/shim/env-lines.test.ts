// `eval "$(hs session env ID)"` in sh, bash and dash, with paths that need quoting.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionEnvLines } from "../../src/shim/env-lines.ts";
import { shQuote } from "../../src/shim/shell-quote.ts";

let dir: string;
let bin: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs env 'quoted' $HOME `x` "));
  bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "git"), "#!/bin/sh\necho shim-git\n", { mode: 0o755 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("hs session env lines", () => {
  it.each([["/bin/sh"], ["/bin/bash"], ["/bin/dash"]])("%s: PATH has the shim first, the session variables are set, git is the shim", (shell) => {
    const lines = sessionEnvLines({ sessionId: "s-1.x", shimBin: bin, handshakeDir: path.join(dir, ".handshake"), worktree: path.join(dir, "wt") }).join("\n");
    const script = `eval "$LINES"\nprintf '%s\\n' "\${PATH%%:*}" "$HS_SESSION_ID" "$HS_SHIM" "$HS_WORKTREE" "$PS1"\ngit`;
    const result = spawnSync(shell, [...(shell.endsWith("bash") ? ["--norc", "--noprofile"] : []), "-c", script], { env: { PATH: "/usr/bin:/bin", LINES: lines, PS1: "$ " }, encoding: "utf8" });
    expect(result.stdout.split("\n").slice(0, 6)).toEqual([bin, "s-1.x", "1", path.join(dir, "wt"), "[hs:s-1.x] $ ", "shim-git"]);
  });

  it("quotes any string so that sh reads it back unchanged", () => {
    for (const value of ["plain", "with space", "it's", "$HOME", "`id`", "a\nb", "back\\slash", "", "*", "-n"]) {
      const result = spawnSync("/bin/sh", ["-c", `printf '%s' ${shQuote(value)}`], { encoding: "utf8" });
      expect(result.stdout).toBe(value);
    }
  });
});
