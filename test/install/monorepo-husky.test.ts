// The everyday flow on a realistic repository: an npm-workspaces monorepo whose husky 9 pre-commit hook lints
// staged files. Three sessions: api (merged back and closed), web (cancelled and discarded), docs (lock mode,
// committing inside the sandbox and merged back);
// the repository's hook refuses inside a sandboxed session; prune finds nothing; uninstall restores husky.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { hsAsync, REPO_ROOT } from "../helpers/hs.ts";
import { runNext } from "../helpers/next.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hookSnapshot } from "./snapshot.ts";

let repo: TempRepo | undefined;
afterAll(() => repo?.cleanup());

const LINT = `// Refuses staged JavaScript with a debugger statement (the monorepo's lint, run by husky's pre-commit).
import { execFileSync } from "node:child_process";
const files = execFileSync("git", ["diff", "--cached", "--name-only", "--diff-filter=AM"], { encoding: "utf8" }).split("\\n").filter((f) => f.endsWith(".js"));
const bad = files.filter((f) => /\\bdebugger\\b/.test(execFileSync("git", ["show", ":" + f], { encoding: "utf8" })));
if (bad.length) { console.error("lint: debugger statement in " + bad.join(", ")); process.exit(1); }
`;

function monorepo(): TempRepo {
  const r = makeTempRepo({ name: "mono" });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"], scripts: { lint: "node scripts/lint.mjs" } }, null, 2) + "\n",
    "packages/api/package.json": '{"name":"@mono/api","version":"1.0.0"}\n',
    "packages/api/src/server.js": "export const port = 3000;\n",
    "packages/web/package.json": '{"name":"@mono/web","version":"1.0.0"}\n',
    "packages/web/src/app.js": "export const title = 'web';\n",
    "docs/guide.md": "# Guide\n",
    "scripts/lint.mjs": LINT,
    ".gitignore": "node_modules/\n",
  };
  for (const [file, content] of Object.entries(files)) r.write(file, content);
  const husky = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "husky", "bin.js")], { cwd: r.root, env: cleanEnv(), encoding: "utf8" });
  if (husky.status !== 0) throw new Error(`husky failed: ${husky.stderr}`);
  r.write(".husky/pre-commit", "node scripts/lint.mjs\n");
  r.git(["add", "-A"]);
  r.git(["commit", "-q", "-m", "monorepo"]);
  return r;
}

describe("monorepo + husky 9, three sessions, from init to uninstall", () => {
  it("hooks refuse inside a session; one merged and closed, one cancelled and discarded, one lock session; prune; uninstall", async () => {
    repo = monorepo();
    const root = repo.root;
    // Async: a sync run of this length would keep the worker from answering vitest for over a minute.
    const run = (args: string[]) => hsAsync(args, { cwd: root });
    const hooksBefore = hookSnapshot(repo);
    expect((await run(["init"])).code).toBe(0);
    for (const [id, scope] of [["api", "packages/api/**"], ["web", "packages/web/**"]]) {
      const created = await run(["session", "create", "--id", id!, "--scope", scope!]);
      expect(created.code, created.stderr).toBe(0);
    }
    const docs = await run(["session", "create", "--id", "docs", "--isolation", "lock", "--scope", "docs/**"]);
    expect(docs.code, docs.stderr).toBe(0);

    // api: the repository's lint refuses a debugger statement inside the sandbox, then clean work passes
    const bad = await run(["session", "run", "api", "--", "sh", "-c", "echo 'debugger;' >> packages/api/src/server.js && git add -A && git commit -q -m bad"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toContain("lint: debugger statement in packages/api/src/server.js");
    const good = await run(["session", "run", "api", "--", "sh", "-c", "printf 'export const port = 8080;\\n' > packages/api/src/server.js && git add -A && git commit -q -m 'api: port 8080'"]);
    expect(good.code, good.stderr).toBe(0);
    // web: work nobody wants; cancel, then the printed discard (quoted reason) with an approval
    expect((await run(["session", "run", "web", "--", "sh", "-c", "echo \"export const x = 1;\" >> packages/web/src/app.js && git commit -q -am 'web: experiment'"])).code).toBe(0);
    // outside its scope, hs's own check refuses before husky runs (the refused edit is thrown away with the rest)
    const out = await run(["session", "run", "web", "--", "sh", "-c", "echo x >> packages/api/src/server.js && git add -A && git commit -q -m out"]);
    expect(out.stderr).toContain("HS-SCOPE-OUT");
    expect((await run(["session", "cancel", "web", "--reason", "cancelled experiment"])).code).toBe(0);
    const refused = await run(["session", "close", "web"]);
    expect(refused.stderr).toContain("HS-CLOSE-WOULD-LOSE");
    const discard = await run(["session", "close", "web", "--discard", "--reason", "cancelled experiment"]);
    expect(discard.code).toBe(77);
    expect(runNext(discard.stderr, root).code).toBe(0); // hs approve ap-…
    const again = await run(["session", "close", "web", "--discard", "--reason", "cancelled experiment"]);
    expect(again.code, again.stderr).toBe(0);

    // api: merged back into main, then closed
    const applied = await run(["merge-back", "api", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(repo.read("packages/api/src/server.js")).toBe("export const port = 8080;\n");
    expect((await run(["session", "close", "api"])).code).toBe(0);

    // docs (lock mode): commits its scope from inside the sandbox on hs/docs/work, husky's lint included
    const edit = await run(["session", "run", "docs", "--", "sh", "-c", "echo 'More.' >> docs/guide.md && git add docs/guide.md && git commit -q -m 'docs: more'"]);
    expect(edit.code, edit.stderr).toBe(0);
    expect(repo.git(["for-each-ref", "--format=%(refname)", "refs/heads/hs/docs/"]).stdout).toBe("refs/heads/hs/docs/work\n");
    const outside = await run(["session", "run", "docs", "--", "sh", "-c", "echo x >> packages/api/src/server.js"]);
    expect(outside.code).not.toBe(0);
    expect(repo.read("packages/api/src/server.js")).toBe("export const port = 8080;\n");
    // meanwhile the operator commits an unlocked file; the locked one stays the session's
    repo.write("package.json", repo.read("package.json").replace('"private": true', '"private": true,\n  "license": "MIT"'));
    repo.git(["commit", "-q", "-m", "license", "--", "package.json"]);
    const docsApplied = await run(["merge-back", "docs", "--apply"]);
    expect(docsApplied.code, docsApplied.stderr).toBe(0);
    expect(repo.git(["log", "-3", "--format=%s", "main"]).stdout).toContain("docs: more");
    expect((await run(["session", "close", "docs"])).code).toBe(0);

    expect((await run(["session", "list", "--json"])).json()).toEqual([]);
    expect((await run(["session", "list", "--all", "--json"])).json().map((s: { id: string }) => s.id)).toEqual(["api", "web", "docs"]);
    const prune = await run(["prune"]);
    expect(prune.stdout).toContain("nothing to prune");
    const doctor = await run(["doctor", "--json"]);
    expect(doctor.json().findings.filter((f: { severity: string }) => f.severity === "problem")).toEqual([]);

    const uninstall = await run(["uninstall"]);
    expect(uninstall.code, uninstall.stderr).toBe(0);
    expect(hookSnapshot(repo)).toEqual(hooksBefore);
    expect(fs.existsSync(path.join(root, ".husky", "_", "pre-commit"))).toBe(true);
  }, 180_000); // three sandboxed sessions end to end: over a minute on a loaded 2-core machine
});
