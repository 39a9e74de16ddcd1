// The sandbox entry's shell on a real /bin/sh: which chain starts bwrap, the rlimits it sets with `ulimit`, and
// that a cap it cannot apply stops the run before the command starts. (A plain command stands in for bwrap.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sandboxEntry, type ChildSpec } from "../../src/sandbox/child.ts";
import { homeLayerPaths } from "../../src/sandbox/home-layer.ts";

const spec = (overrides: Partial<ChildSpec>): ChildSpec => ({ file: "/bin/sh", args: ["-c", "echo ran"], env: {}, cwd: "/", seccompFile: null, ...overrides });
const run = (entry: { file: string; args: string[] }) => spawnSync(entry.file, entry.args, { encoding: "utf8" });

describe("the sandbox entry", () => {
  it("runs the command as is when there is nothing to apply", () => {
    expect(sandboxEntry(spec({}))).toEqual({ file: "/bin/sh", args: ["-c", "echo ran"] });
  });

  it("sets RLIMIT_DATA and RLIMIT_NPROC in the entry's own shell, then execs the command", () => {
    const probe = spec({ args: ["-c", "grep -E '^Max (data size|processes)' /proc/self/limits"], caps: { procs: [], rlimits: { dataKib: 262144, processes: 77 } } });
    const result = run(sandboxEntry(probe));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Max data size\s+268435456\s+268435456\s+bytes/m);
    expect(result.stdout).toMatch(/^Max processes\s+77\s+77\s+processes/m);
  });

  it("stops before the command when a cgroup cannot be joined or a limit cannot be set", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-entry-"));
    try {
      const marker = path.join(dir, "ran");
      const command = { args: ["-c", `touch ${marker}`] };
      const noCgroup = run(sandboxEntry(spec({ ...command, caps: { procs: [path.join(dir, "missing", "cgroup.procs")], rlimits: { dataKib: null, processes: null } } })));
      expect(noCgroup.status).toBe(125);
      expect(noCgroup.stderr).toContain("hs: error [HS-LIMITS-UNAVAILABLE] cannot join the cgroup");
      const badLimit = run(sandboxEntry(spec({ ...command, caps: { procs: [], rlimits: { dataKib: -5, processes: null } } })));
      expect(badLimit.status).toBe(125);
      expect(badLimit.stderr).toContain("hs: error [HS-LIMITS-UNAVAILABLE] cannot set the memory limit (ulimit -d -5); the session did not run\nnext: hs doctor\n");
      expect(fs.existsSync(marker)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("as root, one sh inside unshare joins, limits and mounts; a non-root operator joins and limits outside the user namespace", () => {
    const layer = { ...homeLayerPaths("/s", "/home/op", 0, 0) };
    const asRoot = sandboxEntry(spec({ file: "/usr/bin/bwrap", args: ["--", "true"], homeLayer: layer, seccompFile: "/s/seccomp.bpf", caps: { procs: ["/cg/cgroup.procs"], rlimits: { dataKib: 1024, processes: null } } }));
    expect(path.basename(asRoot.file)).toBe("unshare");
    expect(asRoot.args.slice(0, 6)).toEqual(["--mount", "--propagation", "private", "--", "/bin/sh", "-c"]);
    expect(asRoot.args.slice(7)).toEqual(["hs-sandbox", "/s/seccomp.bpf", "1024", "", "1", "1", "/cg/cgroup.procs", "/home/op", "/s/home-upper", "/s/home-work", "/s/home-mount", "/usr/bin/bwrap", "--", "true"]);
    const user = sandboxEntry(spec({ file: "/usr/bin/bwrap", args: ["--", "true"], homeLayer: homeLayerPaths("/s", "/home/op", 1000, 1000), seccompFile: null, caps: { procs: [], rlimits: { dataKib: 1024, processes: 64 } } }));
    expect(user.file).toBe("/bin/sh");
    expect(user.args.slice(2, 8)).toEqual(["hs-sandbox", "", "1024", "64", "0", "0"]);
    expect(path.basename(user.args[8]!)).toBe("unshare");
    expect(user.args.slice(9, 14)).toEqual(["--user", "--map-root-user", "--mount", "--propagation", "private"]);
  });
});
