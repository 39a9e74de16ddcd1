// A shared worktree with two lock sessions (l1: src/app.ts + notes/**, l2: src/lib/**), unscoped files, a
// governance file and operator work in progress; snapshots of everything outside one session's scope.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { hs, hsAsync, type HsResult } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";

export interface LockFixture {
  repo: TempRepo;
  main: string;
  run(id: string, line: string, env?: NodeJS.ProcessEnv): Promise<HsResult>;
  hs(args: string[]): HsResult;
  events(type: string): Array<{ session_id: string; payload: Record<string, unknown> }>;
  cleanup(): void;
}

export function lockFixture(sessions: Array<{ id: string; scope: string[] }> = [
  { id: "l1", scope: ["src/app.ts", "notes/**"] },
  { id: "l2", scope: ["src/lib/**"] },
]): LockFixture {
  const repo = makeTempRepo();
  repo.write("src/lib/util.ts", "export const util = 1;\n");
  repo.write("src/other.ts", "export const other = 1;\n");
  repo.write(".GOV/policy.md", "rule\n");
  repo.git(["add", "-A"]);
  repo.git(["commit", "-qm", "more files"]);
  const init = hs(["init", "--worktrees-dir", "../wts"], { cwd: repo.root });
  if (init.code !== 0) throw new Error(init.stderr);
  for (const session of sessions) {
    const created = hs(["session", "create", "--isolation", "lock", "--id", session.id, ...session.scope.flatMap((glob) => ["--scope", glob])], { cwd: repo.root });
    if (created.code !== 0) {
      repo.cleanup();
      throw new Error(created.stderr);
    }
  }
  repo.write("docs/guide.md", "guide\noperator wip\n");
  repo.write("src/lib/util.ts", "export const util = 1;\nl2 wip\n");
  return {
    repo,
    main: repo.root,
    run: (id, line, env) => hsAsync(["session", "run", id, "--", "sh", "-c", line], { cwd: repo.root, env }),
    hs: (args) => hs(args, { cwd: repo.root }),
    events(type) {
      const out = hs(["log", "--type", type, "--json"], { cwd: repo.root });
      return out.stdout.trim() ? JSON.parse(out.stdout) : [];
    },
    cleanup: () => repo.cleanup(),
  };
}

/**
 * Every file and folder of the repository (worktree and .git) except the session's scope, hs's own state and
 * what the session legitimately writes in the shared git dir (its branch, reflog and private object store).
 */
export function outsideScope(fx: LockFixture, id: string, inScope: RegExp): Map<string, string> {
  const skip = [
    inScope,
    /^\.handshake\/(?!workspace\.json$|gov\/)/,
    new RegExp(`^\\.git/(refs|logs/refs)/heads/hs/${id}(/|$)`),
    new RegExp(`^\\.git/hs-objects/(${id}|\\.shared)(/|$)`),
    /^\.git\/objects\/info\/(alternates)?$/,
    /^\.git\/hs-objects\/$/,
    /\.hs-lock$/,
  ];
  const out = new Map<string, string>();
  const walk = (absolute: string) => {
    const relative = path.relative(fx.main, absolute);
    const stat = fs.lstatSync(absolute);
    const key = relative + (stat.isDirectory() && relative ? "/" : "");
    if (relative && skip.some((pattern) => pattern.test(key))) return;
    if (stat.isDirectory()) {
      out.set(key, `dir ${stat.mode.toString(8)}`);
      for (const name of fs.readdirSync(absolute)) walk(path.join(absolute, name));
    } else if (stat.isSymbolicLink()) out.set(key, `link ${fs.readlinkSync(absolute)}`);
    else out.set(key, crypto.createHash("sha256").update(fs.readFileSync(absolute)).digest("hex"));
  };
  walk(fx.main);
  return out;
}

export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of before) if (after.get(key) !== value) out.push(after.has(key) ? `changed ${key}` : `removed ${key}`);
  for (const key of after.keys()) if (!before.has(key)) out.push(`added ${key}`);
  return out;
}
