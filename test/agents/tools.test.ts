// Everyday tools that write under $HOME work inside a session: npm install (cache in ~/.npm), pip install
// --user (site-packages in ~/.local), and a non-interactive git commit; the operator's home stays untouched.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, runIn, type Fixture } from "../sandbox/fixture.ts";

let fx: Fixture | undefined;
afterEach(() => {
  fx?.hs(["session", "cancel", "s1"]);
  fx?.cleanup();
  fx = undefined;
});

function digest(root: string): string {
  const hash = crypto.createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      hash.update(file);
      if (entry.isDirectory()) walk(file);
      else hash.update(fs.readFileSync(file));
    }
  };
  walk(root);
  return hash.digest("hex");
}

/** A minimal pure-Python wheel, written by hand (a zip with dist-info), so no build backend is needed. */
function buildWheel(python: string, dir: string): string {
  const script = `
import zipfile, hashlib, base64, sys
out = sys.argv[1]
files = {"hsdemo/__init__.py": b"GREETING = 'hello from a wheel'\\n",
  "hsdemo-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\\nName: hsdemo\\nVersion: 1.0\\n",
  "hsdemo-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\\nGenerator: hand\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}
record = []
with zipfile.ZipFile(out, "w") as z:
    for name, data in files.items():
        z.writestr(name, data)
        h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={h},{len(data)}")
    record.append("hsdemo-1.0.dist-info/RECORD,,")
    z.writestr("hsdemo-1.0.dist-info/RECORD", "\\n".join(record) + "\\n")
`;
  const wheel = path.join(dir, "hsdemo-1.0-py3-none-any.whl");
  const made = spawnSync(python, ["-c", script, wheel], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`building the wheel failed: ${made.stderr}`);
  return wheel;
}

function buildTarball(dir: string): string {
  const pkg = path.join(dir, "tiny-pkg");
  fs.mkdirSync(pkg);
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "hs-tiny-pkg", version: "1.0.0", main: "index.js" }));
  fs.writeFileSync(path.join(pkg, "index.js"), "module.exports = 'tiny says hi';\n");
  const packed = spawnSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: pkg, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  return path.join(dir, packed.stdout.trim().split("\n").at(-1)!);
}

describe("tools that write under $HOME inside a session", () => {
  it("npm install from a tarball, pip install --user of a wheel and a non-interactive git commit all work", async () => {
    fx = buildFixture();
    const home = path.join(fx.dir, "operator-home");
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, ".gitconfig"), "[user]\n\tname = Operator\n\temail = op@example.com\n");
    const python = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim();
    expect(spawnSync(python, ["-m", "pip", "--version"]).status, "pip is missing: apt-get install -y python3-pip").toBe(0);
    // In the operator's home, which the session sees (the host's /tmp it does not).
    const downloads = path.join(home, "Downloads");
    fs.mkdirSync(downloads);
    const wheel = buildWheel(python, downloads);
    const tarball = buildTarball(downloads);
    fs.rmSync(path.join(downloads, "tiny-pkg"), { recursive: true });
    const before = digest(home);
    const line = [
      `npm install --no-save --no-audit --no-fund ${tarball} >/dev/null && node -e "console.log(require('hs-tiny-pkg'))"`,
      `${python} -m pip install --user --no-index --disable-pip-version-check -q ${wheel} && ${python} -c "import hsdemo; print(hsdemo.GREETING)"`,
      "echo 'export const b = 2;' > src/b.ts && git add src/b.ts && EDITOR= VISUAL= git commit -q -m 'add b' src/b.ts && git log -1 --format='%an %s'",
    ].join(" && ");
    // vitest runs under npm, which exports npm_config_cache=<real home>/.npm; a user's shell does not.
    const npmVars = Object.fromEntries(Object.keys(process.env).filter((key) => key.toLowerCase().startsWith("npm_")).map((key) => [key, undefined]));
    const result = await runIn(fx, line, { env: { ...npmVars, HOME: home, npm_config_update_notifier: "false", PIP_NO_INPUT: "1" } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("tiny says hi");
    expect(result.stdout).toContain("hello from a wheel");
    expect(result.stdout).toMatch(/\S+ add b\n/);
    const upper = path.join(fx.main, ".handshake", "sessions", "s1", "home-upper");
    expect(fs.existsSync(path.join(upper, ".npm", "_cacache"))).toBe(true);
    expect(fs.readdirSync(path.join(upper, ".local", "lib")).length).toBeGreaterThan(0);
    expect(digest(home)).toBe(before);
  });
});
