// resolveRealBinary skips hs shims on PATH (a session started from inside another must not record a shim as
// its real git) and reads only the head of each candidate: git itself is megabytes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveRealBinary } from "../../src/shim/resolve-binary.ts";
import { SHIM_FINGERPRINT, isShimScript } from "../../src/shim/render.ts";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-resolve-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function executable(file: string, content: string | Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode: 0o755 });
  return file;
}

describe("resolveRealBinary", () => {
  it("passes over a shim earlier on PATH and returns the real binary behind it", () => {
    executable(path.join(dir, "shims", "git"), `#!/bin/sh\n${SHIM_FINGERPRINT}git (session s1)\nexec false\n`);
    const real = executable(path.join(dir, "real", "git"), "#!/bin/sh\nexit 0\n");
    expect(resolveRealBinary("git", `${dir}/shims:${dir}/real`)).toBe(fs.realpathSync(real));
  });

  it("skips relative PATH entries, missing files and files that are not executable", () => {
    fs.writeFileSync(path.join(dir, "git"), "#!/bin/sh\n", { mode: 0o644 });
    expect(resolveRealBinary("git", `relative:${dir}/nowhere:${dir}`)).toBeUndefined();
  });

  it("takes a large binary without reading it whole (a fingerprint past the head does not count)", () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x41);
    Buffer.from(SHIM_FINGERPRINT).copy(big, 4096);
    const file = executable(path.join(dir, "bin", "git"), big);
    expect(isShimScript(file)).toBe(false);
    expect(resolveRealBinary("git", `${dir}/bin`)).toBe(fs.realpathSync(file));
  });
});
