// A workspace shaped like the public guard fixture (test/fixtures/guard-fixture-hs.sh), built through hs itself: DIR/main-repo
// (hs init, worktrees in DIR/wts), sessions s1 (the one under test) and s2, a bare DIR/remote.git, dirty
// and untracked files, .GOV governance files, an alias `sync = reset --hard` in the shared config.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import { cleanEnv } from "../helpers/repo.ts";
import { hs, hsAsync } from "../helpers/hs.ts";

export interface Fixture {
  dir: string;
  main: string;
  wts: string;
  s1: string;
  s2: string;
  remote: string;
  common: string;
  git(args: string[], cwd?: string): string;
  hs(args: string[], cwd?: string): ReturnType<typeof hs>;
  cleanup(): void;
}

export function buildFixture(options: { sessions?: Array<{ id: string; scope: string[]; extra?: string[] }> } = {}): Fixture {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-sbx-")));
  const main = path.join(dir, "main-repo");
  const git = (args: string[], cwd = main) => {
    const result = spawnSync("git", args, { cwd, env: cleanEnv(), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")} (${cwd}) failed: ${result.stderr}`);
    return result.stdout;
  };
  const write = (root: string, relative: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  };
  git(["init", "-q", "--bare", "-b", "main", "remote.git"], dir);
  fs.mkdirSync(main);
  git(["init", "-q", "-b", "main"]);
  for (const [key, value] of [["user.email", "dev@example.com"], ["user.name", "Dev"], ["commit.gpgSign", "false"], ["gc.auto", "0"]]) git(["config", key!, value!]);
  const files: Record<string, string> = {
    "README.md": "# Project\n",
    "src/app.ts": "export const app = 1;\n",
    "src/lib/util.ts": "export const util = 1;\n",
    ".GOV/policy.md": "rule: agents must not edit governance\n",
    ".gitignore": "dist/\nbuild/\nnode_modules/\n*.log\ntmp/\n",
    "package.json": '{"name":"p"}\n',
  };
  for (const [file, content] of Object.entries(files)) write(main, file, content);
  git(["add", "-A"]);
  git(["commit", "-qm", "init"]);
  git(["remote", "add", "origin", path.join(dir, "remote.git")]);
  git(["push", "-q", "origin", "main"]);
  git(["branch", "unmerged"]);
  git(["config", "alias.sync", "reset --hard"]);
  const init = hs(["init", "--worktrees-dir", "../wts"], { cwd: main });
  if (init.code !== 0) throw new Error(`hs init failed: ${init.stderr}`);
  const sessions = options.sessions ?? [
    { id: "s1", scope: ["src/**", "*.txt", "Makefile", "README.md"] },
    { id: "s2", scope: ["src/**"] },
  ];
  for (const session of sessions) {
    const created = hs(["session", "create", "--id", session.id, ...session.scope.flatMap((glob) => ["--scope", glob]), ...(session.extra ?? [])], { cwd: main });
    if (created.code !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`hs session create ${session.id} failed: ${created.stderr}`);
    }
  }
  const wts = path.join(dir, "wts");
  const s1 = path.join(wts, "s1");
  const s2 = path.join(wts, "s2");
  if (fs.existsSync(s1)) {
    write(s1, "src/app.ts", "export const app = 1;\nwork\n");
    git(["commit", "-qam", "s1 work"], s1);
    write(s1, "src/app.ts", "export const app = 1;\nwork\nunstaged edit\n");
    write(s1, "src/new.ts", "new\n");
    write(s1, "scratch.txt", "scratch\n");
    write(s1, "msg.txt", "msg from file\n");
    write(s1, "dist/bundle.js", "b\n");
    write(s1, "Makefile", "clean: ; rm -rf ../s2/dist\n");
    write(s1, "README.md", "# Project\nstaged edit\n");
    git(["add", "README.md"], s1);
  }
  if (fs.existsSync(s2)) {
    write(s2, "README.md", "# Project\ns2 wip\n");
    write(s2, "secret.txt", "s2 uncommitted secret\n");
    write(s2, "dist/bundle.js", "s2 build\n");
  }
  return {
    dir,
    main,
    wts,
    s1,
    s2,
    remote: path.join(dir, "remote.git"),
    common: path.join(main, ".git"),
    git,
    hs: (args, cwd = main) => hs(args, { cwd }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Everything a session must not change: the main checkout and shared git dir (minus hs's own bookkeeping and s1's), s2, the remote. */
export function outsideSnapshot(fixture: Fixture, sessionId = "s1"): Map<string, string> {
  const skip = [
    /^main-repo\/\.handshake\//,
    new RegExp(`^main-repo/\\.git/(refs|logs/refs)/heads/hs/${sessionId}(/|$)`),
    new RegExp(`^main-repo/\\.git/worktrees/${sessionId}/`),
    new RegExp(`^main-repo/\\.git/hs-objects/${sessionId}/`),
    new RegExp(`^wts/${sessionId}/`),
    /\.hs-lock$/,
    // The host registers the session's private object store once, at its first start (host-side, not the session).
    /^main-repo\/\.git\/objects\/info\/(alternates)?$/,
    /^main-repo\/\.git\/hs-objects\/(\.shared\/)?$/,
  ];
  const out = new Map<string, string>();
  const walk = (absolute: string) => {
    const relative = path.relative(fixture.dir, absolute);
    if (skip.some((pattern) => pattern.test(relative + (fs.lstatSync(absolute).isDirectory() ? "/" : "")))) return;
    const stat = fs.lstatSync(absolute);
    if (stat.isDirectory()) {
      out.set(relative + "/", `dir ${stat.mode.toString(8)}`);
      for (const name of fs.readdirSync(absolute)) walk(path.join(absolute, name));
    } else if (stat.isSymbolicLink()) out.set(relative, `link ${fs.readlinkSync(absolute)}`);
    else out.set(relative, crypto.createHash("sha256").update(fs.readFileSync(absolute)).digest("hex"));
  };
  for (const top of ["main-repo", "wts", "remote.git"]) if (fs.existsSync(path.join(fixture.dir, top))) walk(path.join(fixture.dir, top));
  return out;
}

export function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [key, value] of before) if (after.get(key) !== value) changes.push(after.has(key) ? `changed ${key}` : `removed ${key}`);
  for (const key of after.keys()) if (!before.has(key)) changes.push(`added ${key}`);
  return changes;
}

/** `hs session run ID -- sh -c LINE` from the session worktree, as an agent would be started. */
export function runIn(fixture: Fixture, line: string, options: { id?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  // Async, so the test worker's event loop stays responsive while the session runs.
  return hsAsync(["session", "run", options.id ?? "s1", "--", "sh", "-c", line], { cwd: options.cwd ?? fixture.s1, env: options.env });
}

/**
 * One fixture built once and put back before each use: a byte-for-byte copy (cp -a) restored at the same
 * absolute path, so every path recorded inside it (worktrees, registry, alternates) stays valid. Building
 * costs an hs init and two session creates; restoring costs a copy.
 */
export function reusableFixture(options?: Parameters<typeof buildFixture>[0]): { fixture: () => Fixture; cleanup(): void } {
  let built: Fixture | undefined;
  let pristine = "";
  const copy = (from: string, to: string) => {
    const result = spawnSync("cp", ["-a", from, to], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`cp -a ${from} ${to} failed: ${result.stderr}`);
  };
  return {
    fixture() {
      if (!built) {
        built = buildFixture(options);
        pristine = `${built.dir}.pristine`;
        copy(built.dir, pristine);
        return built;
      }
      fs.rmSync(built.dir, { recursive: true, force: true });
      copy(pristine, built.dir);
      return built;
    },
    cleanup() {
      built?.cleanup();
      if (pristine) fs.rmSync(pristine, { recursive: true, force: true });
    },
  };
}
