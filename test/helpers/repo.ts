// One way to build a throwaway git repository for tests: identity set, no signing, no gc, branch main.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

export interface TempRepo {
  /** realpath of the temp dir that holds the repo (and room for siblings such as worktrees). */
  dir: string;
  /** realpath of the repository root. */
  root: string;
  git(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; allowFail?: boolean }): { code: number; stdout: string; stderr: string };
  write(relative: string, content: string): void;
  read(relative: string): string;
  cleanup(): void;
}

export const TEST_GIT_ENV: NodeJS.ProcessEnv = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_TERMINAL_PROMPT: "0",
};

/** process.env without anything that could point git at another repository, plus the test identity. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_") && !key.startsWith("HS_")) env[key] = value;
  return { ...env, ...TEST_GIT_ENV, ...extra };
}

export function makeTempRepo(options: { commit?: boolean; name?: string } = {}): TempRepo {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-test-")));
  const root = path.join(dir, options.name ?? "repo");
  fs.mkdirSync(root);
  const git: TempRepo["git"] = (args, opts = {}) => {
    const result = spawnSync("git", args, { cwd: opts.cwd ?? root, env: cleanEnv(opts.env), input: opts.input, encoding: "utf8" });
    const out = { code: result.status ?? 128, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
    if (out.code !== 0 && !opts.allowFail) throw new Error(`git ${args.join(" ")} failed (${out.code}): ${out.stderr}`);
    return out;
  };
  git(["init", "-q", "-b", "main"]);
  for (const [key, value] of [
    ["user.name", "Test"],
    ["user.email", "test@example.com"],
    ["commit.gpgSign", "false"],
    ["gc.auto", "0"],
  ] as const) git(["config", key, value]);
  const repo: TempRepo = {
    dir,
    root,
    git,
    write(relative, content) {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    },
    read(relative) {
      return fs.readFileSync(path.join(root, relative), "utf8");
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.commit !== false) {
    repo.write("README.md", "# test\n");
    repo.write("src/app.ts", "export const app = 1;\n");
    repo.write("docs/guide.md", "guide\n");
    git(["add", "-A"]);
    git(["commit", "-q", "-m", "initial"]);
  }
  return repo;
}
