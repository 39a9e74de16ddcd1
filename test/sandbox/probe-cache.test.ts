// A remembered sandbox probe is keyed by everything that decides it: a replaced binary or another probe misses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { probeKey, probeRemembered, rememberProbe } from "../../src/sandbox/probe-cache.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("sandbox probe cache", () => {
  it("keys change with the binary's identity, the probe and PATH resolution", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-probe-"));
    const bin = path.join(dir, "fake-bwrap");
    fs.writeFileSync(bin, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const first = probeKey("bwrap probe", [bin]);
    expect(probeKey("bwrap probe", [bin])).toBe(first);
    expect(probeKey("another probe", [bin])).not.toBe(first);
    fs.writeFileSync(bin, "#!/bin/sh\nexit 17\n", { mode: 0o755 });
    expect(probeKey("bwrap probe", [bin])).not.toBe(first);
    expect(probeKey("p", ["fake-bwrap"], { PATH: dir })).not.toBe(probeKey("p", ["fake-bwrap"], { PATH: "/nonexistent" }));
  });

  it("remembers successes per key, keeps a few, and ignores an unreadable file or no cache folder", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-probe-"));
    expect(probeRemembered(dir, "k1")).toBe(false);
    rememberProbe(dir, "k1");
    expect(probeRemembered(dir, "k1")).toBe(true);
    expect(probeRemembered(dir, "k2")).toBe(false);
    for (let i = 0; i < 10; i += 1) rememberProbe(dir, `n${i}`);
    expect(probeRemembered(dir, "k1")).toBe(false);
    expect(probeRemembered(dir, "n9")).toBe(true);
    fs.writeFileSync(path.join(dir, "sandbox-probes.json"), "{not json");
    expect(probeRemembered(dir, "n9")).toBe(false);
    rememberProbe(undefined, "k3");
    expect(probeRemembered(undefined, "k3")).toBe(false);
  });
});
