// Builds the public guard fixture (real git) and the GateContext of session s1 in it.
// s1's scope is the whole worktree ("**"): the vectors' `why` texts treat every non-governance
// path of W as in scope (build/, node_modules/, .tmp-test-output/, src/...), and governance
// (.GOV/**, .handshake/gov/**) is excluded by the governance rule, not by the scope.
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fsExists, fsRealpathLongestPrefix, type GateContext } from "../../../src/shim/policy/index.ts";

import { VECTORS_DIR } from "../../helpers/vectors.ts";
import { FIXTURE_SCRIPT } from "../hs-fixture.ts";
export { VECTORS_DIR };

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Dev",
  GIT_AUTHOR_EMAIL: "dev@example.com",
  GIT_COMMITTER_NAME: "Dev",
  GIT_COMMITTER_EMAIL: "dev@example.com",
};

export interface Fixture {
  dir: string;
  w: string;
  cleanup: () => void;
  ctx: (argv: string[], cwdRel?: string, extra?: Partial<GateContext>) => GateContext;
}

export function buildFixture(): Fixture {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "hs-gate-")));
  execFileSync(FIXTURE_SCRIPT, [dir], { env: { ...GIT_ENV, HS_FIXTURE_PLAIN: "1" }, stdio: "pipe" });
  const w = join(dir, "wts/s1");
  let aliasText = "";
  try {
    aliasText = execFileSync("git", ["config", "--get-regexp", "^alias\\."], { cwd: w, env: GIT_ENV, encoding: "utf8" });
  } catch {
    aliasText = ""; // exit 1: no aliases configured
  }
  const aliases: Record<string, string> = {};
  for (const line of aliasText.split("\n").filter(Boolean)) {
    const sp = line.indexOf(" ");
    aliases[line.slice(6, sp).toLowerCase()] = line.slice(sp + 1);
  }
  const ctx = (argv: string[], cwdRel = ".", extra: Partial<GateContext> = {}): GateContext => ({
    argv,
    cwd: join(w, cwdRel),
    env: {},
    session: { id: "s1", worktree: w, gitDir: join(dir, "main-repo/.git/worktrees/s1"), scope: ["**"], isolation: "worktree" },
    repo: {
      mainRoot: join(dir, "main-repo"),
      commonDir: join(dir, "main-repo/.git"),
      handshakeDir: join(dir, "main-repo/.handshake"),
      worktrees: [join(dir, "main-repo"), w, join(dir, "wts/s2")],
    },
    governance: [".handshake/gov/**", ".GOV/**"],
    aliases,
    realpath: fsRealpathLongestPrefix,
    exists: fsExists,
    ...extra,
  });
  return { dir, w, ctx, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
