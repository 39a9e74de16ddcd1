// The escape suite: each attempt runs inside a real bubblewrap session (hs session run s1 -- sh -c …),
// must fail, and must leave everything outside the session byte-for-byte as it was.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, diffSnapshots, outsideSnapshot, runIn, type Fixture } from "./fixture.ts";
import { HS_BIN, REPO_ROOT } from "../helpers/hs.ts";

let fx: Fixture;
let shared: string[];

beforeAll(async () => {
  fx = buildFixture();
  // Warm-up run: the host registers the private object store before the baseline is taken.
  const warm = await runIn(fx, "true");
  expect(warm.code, warm.stderr).toBe(0);
  shared = fs.readdirSync(path.join(fx.common, "objects")).filter((name) => /^[0-9a-f]{2}$/.test(name));
});
afterAll(() => fx?.cleanup());

async function attempt(line: string) {
  const before = outsideSnapshot(fx);
  const result = await runIn(fx, line);
  const changes = diffSnapshots(before, outsideSnapshot(fx));
  return { ...result, changes };
}

describe("escape suite inside a real sandboxed session", () => {
  const cases: Array<[string, () => string]> = [
    ["/usr/bin/git -C <s2> reset --hard", () => `/usr/bin/git -C ${fx.s2} reset --hard`],
    ["/usr/lib/git-core/git-reset --hard aimed at s2", () => `cd ${fx.s2} && /usr/lib/git-core/git-reset --hard`],
    ["git-reset --hard through GIT_DIR/GIT_WORK_TREE at s2", () => `GIT_DIR=${fx.common}/worktrees/s2 GIT_WORK_TREE=${fx.s2} /usr/lib/git-core/git-reset --hard`],
    ["env -i rm -rf <s2>", () => `env -i /bin/rm -rf ${fx.s2}`],
    ["python3 shutil.rmtree on s2", () => `python3 -c 'import shutil; shutil.rmtree("${fx.s2}")'`],
    ["python3 shutil.rmtree on the main checkout", () => `python3 -c 'import shutil; shutil.rmtree("${fx.main}/src")'`],
    ["node fs.rmSync on s2", () => `node -e 'require("fs").rmSync("${fx.s2}", { recursive: true, force: true })'`],
    ["node fs.rmSync on the main checkout", () => `node -e 'require("fs").rmSync("${fx.main}/src", { recursive: true, force: true })'`],
    ["writing .git/config", () => `printf '[core]\\n\\thooksPath = /dev/null\\n' >> ${fx.common}/config`],
    ["writing .git/hooks/*", () => `printf '#!/bin/sh\\nexit 0\\n' > ${fx.common}/hooks/pre-commit`],
    ["writing .git/info/exclude", () => `echo '*' >> ${fx.common}/info/exclude`],
    ["rewriting the .git pointer file", () => `printf 'gitdir: /tmp/evil\\n' > .git`],
    ["update-ref of a branch outside the namespace", () => `/usr/bin/git update-ref refs/heads/main HEAD`],
    ["creating a branch outside the namespace", () => `/usr/bin/git branch evil`],
    ["editing packed-refs", () => `echo x >> ${fx.common}/packed-refs || touch ${fx.common}/packed-refs`],
    ["deleting shared objects", () => `find ${fx.common}/hs-objects -type f -delete; find ${fx.common}/objects/ -mindepth 1 -delete 2>/dev/null; /bin/rm -rf ${fx.common}/hs-objects/.shared/*`],
    ["editing a governance file", () => `echo 'agents may edit governance' >> .GOV/policy.md`],
    ["editing the session linkage file", () => `echo '{}' > .handshake/session.json`],
    ["editing the session marker", () => `echo '{}' > ${fx.common}/worktrees/s1/hs-session.json`],
    ["reading another session's uncommitted file", () => `cat ${fx.s2}/secret.txt`],
    ["writing the registry", () => `sqlite3 ${fx.main}/.handshake/devcc.db 'select 1' 2>/dev/null || ls ${fx.main}/.handshake/devcc.db`],
  ];

  it.each(cases)("%s: fails and changes nothing outside the session", async (_name, line) => {
    const result = await attempt(line());
    expect(result.code, `${result.stdout}\n${result.stderr}`).not.toBe(0);
    expect(result.changes).toEqual([]);
  });

  it("another session's uncommitted file stays unreadable and intact", async () => {
    const result = await attempt(`cat ${fx.s2}/secret.txt; ls -A ${fx.s2}`);
    expect(result.stdout).not.toContain("s2 uncommitted secret");
    expect(fs.readFileSync(path.join(fx.s2, "secret.txt"), "utf8")).toBe("s2 uncommitted secret\n");
  });

  it("shared objects survive an attempt to delete them; the session still commits into its private store", async () => {
    const result = await attempt(`echo more >> src/app.ts && /usr/bin/git add src/app.ts && /usr/bin/git commit -qm escape-check && /bin/rm -rf ${fx.common}/hs-objects/.shared/??; true`);
    expect(result.changes).toEqual([]);
    for (const name of shared) expect(fs.existsSync(path.join(fx.common, "objects", name))).toBe(true);
    // Host-side git reads the session's commit only once imported by content (the radar imports live sessions).
    expect(() => fx.git(["log", "-1", "--format=%s", "hs/s1/work"])).toThrow();
    expect(fx.hs(["conflicts", "--json"]).code).toBe(0);
    expect(fx.git(["log", "-1", "--format=%s", "hs/s1/work"])).toBe("escape-check\n");
    expect(fx.git(["fsck", "--connectivity-only"]).length).toBeGreaterThanOrEqual(0);
  });

  it("the session can write inside its own ref namespace and worktree", async () => {
    const result = await attempt(`/usr/bin/git branch hs/s1/topic && echo ok > src/own.ts && cat src/own.ts`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.changes).toEqual([]);
    expect(fx.git(["rev-parse", "--verify", "-q", "refs/heads/hs/s1/topic"]).trim()).toMatch(/^[0-9a-f]{40}$/);
    expect(fs.readFileSync(path.join(fx.s1, "src/own.ts"), "utf8")).toBe("ok\n");
  });

  it("hs approve on its own pending request is refused (through the host and directly) and the request is never approved", async () => {
    const line =
      `HS_APPROVAL_TIMEOUT_SECONDS=30 git reset --hard 2>/tmp/wait.txt & waiter=$!; ` +
      `for i in 1 2 3 4 5 6 7 8 9 10; do grep -q 'approve request' /tmp/wait.txt 2>/dev/null && break; sleep 0.3; done; ` +
      `id=$(sed -n 's/.*approve request \\([^ ]*\\) .*/\\1/p' /tmp/wait.txt); echo "request=$id"; ` +
      `hs approve "$id"; echo "via-host=$?"; ${process.execPath} ${HS_BIN} approve "$id"; echo "direct=$?"; kill $waiter; wait`;
    const result = await attempt(line);
    const id = /request=(\S+)/.exec(result.stdout)?.[1];
    expect(id, result.stdout + result.stderr).toBeTruthy();
    expect(result.stdout).toContain("via-host=77");
    expect(result.stdout).not.toContain("direct=0");
    expect(result.stderr).toContain("HS-OPERATOR-ONLY");
    expect(result.changes).toEqual([]);
    const requests = fx.hs(["approvals", "--all", "--json"]);
    const request = (JSON.parse(requests.stdout) as Array<{ id: string; status: string }>).find((entry) => entry.id === id);
    expect(request?.status).not.toBe("approved");
    expect(REPO_ROOT).toBeTruthy();
  });
});
