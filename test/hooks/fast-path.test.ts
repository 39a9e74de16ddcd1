// The sh fast path (git pathspecs, no Node) must only ever say "pass" when the full Node check would.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { initHs } from "./fixture.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** A session whose workspace adds src/gov/** to governance; node in the hooks is wrapped to log each start. */
function setup(scope: string[]): { wt: string; nodeLog: string; git: (args: string[], env?: NodeJS.ProcessEnv) => { code: number; stderr: string } } {
  repo = makeTempRepo();
  initHs(repo);
  const config = path.join(repo.root, ".handshake", "workspace.json");
  const json = JSON.parse(fs.readFileSync(config, "utf8"));
  json.governance_paths = [...json.governance_paths, "src/gov/**"];
  fs.writeFileSync(config, JSON.stringify(json, null, 2) + "\n");
  const created = hs(["session", "create", "--id", "s1", ...scope.flatMap((s) => ["--scope", s]), "--json"], { cwd: repo.root });
  if (created.code !== 0) throw new Error(created.stderr);
  const nodeLog = path.join(repo.dir, "node-starts.log");
  const wrapper = path.join(repo.dir, "node-wrapper");
  const node = fs.realpathSync(process.execPath);
  fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${nodeLog}'\nexec '${node}' "$@"\n`, { mode: 0o755 });
  const hooks = path.join(repo.root, ".git", "hs", "hooks");
  for (const name of ["pre-commit", "reference-transaction"]) {
    const file = path.join(hooks, name);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").split(`'${node}'`).join(`'${wrapper}'`));
  }
  const wt = created.json().worktree as string;
  return { wt, nodeLog, git: (args, env) => repo.git(args, { cwd: wt, env, allowFail: true }) };
}

/** Which hooks started Node, in order (the entry may be dist/hs-hook.js or dist/hs.js __hook). */
const starts = (log: string) =>
  (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []).map(
    (line) => line.split(" ").find((word) => ["pre-commit", "reference-transaction", "pre-push"].includes(word)) ?? line,
  );

describe("the Node-free pass for in-scope commits", () => {
  it("an in-scope commit (and commit -a) starts no Node at all", () => {
    const s = setup(["src/**"]);
    fs.writeFileSync(path.join(s.wt, "src", "app.ts"), "one\n");
    expect(s.git(["commit", "-q", "-a", "-m", "one"]).code).toBe(0);
    fs.mkdirSync(path.join(s.wt, "src", "deep", ".hidden"), { recursive: true });
    fs.writeFileSync(path.join(s.wt, "src", "deep", ".hidden", "x.ts"), "x\n");
    s.git(["add", "src"]);
    expect(s.git(["commit", "-q", "-m", "two"]).code).toBe(0);
    expect(starts(s.nodeLog)).toEqual([]);
  });

  it("governance inside the scope is still refused, by pre-commit and with --no-verify", () => {
    const s = setup(["src/**"]);
    fs.mkdirSync(path.join(s.wt, "src", "gov"), { recursive: true });
    fs.writeFileSync(path.join(s.wt, "src", "gov", "rules.md"), "x\n");
    s.git(["add", "src/gov/rules.md"]);
    const plain = s.git(["commit", "-m", "gov"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain("[HS-GOVERNANCE-PATH] src/gov/rules.md");
    const bypass = s.git(["commit", "--no-verify", "-m", "gov"]);
    expect(bypass.code).not.toBe(0);
    expect(bypass.stderr).toContain("[HS-GOVERNANCE-PATH] src/gov/rules.md");
  });

  it("pathspec environment knobs cannot turn the checks off", () => {
    const s = setup(["src/**"]);
    fs.mkdirSync(path.join(s.wt, "src", "gov"), { recursive: true });
    fs.writeFileSync(path.join(s.wt, "src", "gov", "rules.md"), "x\n");
    fs.writeFileSync(path.join(s.wt, "README.md"), "out\n");
    s.git(["add", "-A"]);
    for (const knob of ["GIT_LITERAL_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS", "GIT_GLOB_PATHSPECS"]) {
      const result = s.git(["commit", "--no-verify", "-m", "knob"], { [knob]: "1" });
      expect(result.code, knob).not.toBe(0);
      expect(result.stderr, knob).toContain("[HS-GOVERNANCE-PATH] src/gov/rules.md");
      expect(result.stderr, knob).toContain("[HS-SCOPE-OUT] README.md");
    }
  });

  it("a literal scope entry covers the directory; a sibling with the same prefix is out", () => {
    const s = setup(["src"]);
    fs.writeFileSync(path.join(s.wt, "src", "app.ts"), "in\n");
    expect(s.git(["commit", "-q", "-a", "-m", "in"]).code).toBe(0);
    expect(starts(s.nodeLog)).toEqual([]);
    fs.mkdirSync(path.join(s.wt, "src2"));
    fs.writeFileSync(path.join(s.wt, "src2", "x.ts"), "out\n");
    s.git(["add", "src2"]);
    const out = s.git(["commit", "-m", "sibling"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("[HS-SCOPE-OUT] src2/x.ts");
  });

  it("globs the fast path does not model go to the full check and still work", () => {
    // "?" is not modelled (git counts bytes, micromatch UTF-16 units); "*" and "**" are (compiled-scope.test.ts)
    const s = setup(["src/?pp.ts"]);
    fs.writeFileSync(path.join(s.wt, "src", "app.ts"), "in\n");
    expect(s.git(["commit", "-q", "-a", "-m", "in"]).code).toBe(0);
    expect(starts(s.nodeLog)).toEqual(["pre-commit", "reference-transaction"]);
    fs.mkdirSync(path.join(s.wt, "src", "deep"));
    fs.writeFileSync(path.join(s.wt, "src", "deep", "x.ts"), "out\n");
    s.git(["add", "src/deep/x.ts"]);
    expect(s.git(["commit", "-m", "deep"]).stderr).toContain("[HS-SCOPE-OUT] src/deep/x.ts");
  });

  it("scope src/**/*.ts: an in-scope commit starts no Node; a .tsx beside it and --no-verify are still refused", () => {
    const s = setup(["src/**/*.ts"]);
    fs.mkdirSync(path.join(s.wt, "src", "deep"), { recursive: true });
    fs.writeFileSync(path.join(s.wt, "src", "app.ts"), "in\n");
    fs.writeFileSync(path.join(s.wt, "src", "deep", "x.ts"), "in\n");
    s.git(["add", "src"]);
    expect(s.git(["commit", "-q", "-m", "in"]).code).toBe(0);
    expect(starts(s.nodeLog)).toEqual([]);
    fs.writeFileSync(path.join(s.wt, "src", "deep", "view.tsx"), "out\n");
    s.git(["add", "src"]);
    const plain = s.git(["commit", "-m", "tsx"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain("[HS-SCOPE-OUT] src/deep/view.tsx");
    const bypass = s.git(["commit", "--no-verify", "-m", "tsx"]);
    expect(bypass.code).not.toBe(0);
    expect(bypass.stderr).toContain("[HS-SCOPE-OUT] src/deep/view.tsx");
    expect(starts(s.nodeLog)).toEqual(["pre-commit", "reference-transaction"]);
  });

  it("a path named with a glob character is never cleared by a pathspec: src/*/x.ts under scope src/*", () => {
    const s = setup(["src/*"]);
    fs.mkdirSync(path.join(s.wt, "src", "*"), { recursive: true });
    fs.writeFileSync(path.join(s.wt, "src", "*", "x.ts"), "out\n");
    s.git(["add", "src"]);
    const result = s.git(["commit", "--no-verify", "-m", "star"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("[HS-SCOPE-OUT] src/*/x.ts");
  });
});
