// A temp repository with hs initialised and one worktree-mode session (s1, scope src/**), created through the real CLI.
import fs from "node:fs";
import path from "node:path";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hs } from "../helpers/hs.ts";

export interface SessionRepo {
  repo: TempRepo;
  /** The session worktree (realpath). */
  wt: string;
  /** git in the session worktree. */
  git: (args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string }) => { code: number; stdout: string; stderr: string };
  write: (relative: string, content: string) => void;
}

export function initHs(repo: TempRepo, cwd = repo.root): void {
  const result = hs(["init"], { cwd });
  if (result.code !== 0) throw new Error(`hs init failed (${result.code}): ${result.stderr}`);
}

export function sessionRepo(options: { id?: string; scope?: string[] } = {}): SessionRepo {
  const repo = makeTempRepo();
  initHs(repo);
  const id = options.id ?? "s1";
  const scope = options.scope ?? ["src/**"];
  const created = hs(["session", "create", "--id", id, ...scope.flatMap((s) => ["--scope", s]), "--json"], { cwd: repo.root });
  if (created.code !== 0) throw new Error(`hs session create failed (${created.code}): ${created.stderr}`);
  const wt = fs.realpathSync(created.json().worktree as string);
  return {
    repo,
    wt,
    git: (args, opts = {}) => repo.git(args, { cwd: wt, env: opts.env, input: opts.input, allowFail: true }),
    write: (relative, content) => {
      fs.mkdirSync(path.dirname(path.join(wt, relative)), { recursive: true });
      fs.writeFileSync(path.join(wt, relative), content);
    },
  };
}

/** Flight Recorder events of one type, through the real `hs log`. */
export function events(repo: TempRepo, type: string): any[] {
  const result = hs(["log", "--type", type, "--json"], { cwd: repo.root });
  if (result.code !== 0) throw new Error(`hs log failed: ${result.stderr}`);
  return result.json();
}
