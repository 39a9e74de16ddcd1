// A real repository with hs init and helpers to create sessions and commit inside their worktrees.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hs, type HsResult } from "../helpers/hs.ts";

export interface MergeWorkspace {
  repo: TempRepo;
  hs(args: string[], env?: NodeJS.ProcessEnv): HsResult;
  session(id: string, scope?: string[]): string;
  /** Writes files (null deletes) in the session worktree and commits them through the normal hooks. */
  commit(worktree: string, files: Record<string, string | Buffer | null>, message: string): string;
  /** Commits with every hook disabled and plumbing only: what a session bypassing the shim could do. */
  sneak(worktree: string, files: Record<string, string>, message: string): string;
  gitIn(worktree: string, args: string[], input?: string): string;
  head(ref: string): string;
  artifactDir(result: HsResult): string;
  cleanup(): void;
}

export function makeMergeWorkspace(): MergeWorkspace {
  const repo = makeTempRepo();
  const run = (args: string[], env?: NodeJS.ProcessEnv) => hs(args, { cwd: repo.root, env });
  const init = run(["init"]);
  if (init.code !== 0) throw new Error(`hs init failed: ${init.stderr}`);
  const gitIn = (worktree: string, args: string[], input?: string) => repo.git(args, { cwd: worktree, input }).stdout;
  const write = (worktree: string, files: Record<string, string | Buffer | null>) => {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(worktree, file);
      if (content === null) fs.rmSync(full, { force: true });
      else (fs.mkdirSync(path.dirname(full), { recursive: true }), fs.writeFileSync(full, content));
    }
  };
  return {
    repo,
    hs: run,
    session(id, scope = ["src/**"]) {
      // --json already names the worktree: one hs start instead of two.
      const result = run(["session", "create", "--id", id, ...scope.flatMap((glob) => ["--scope", glob]), "--json"]);
      if (result.code !== 0) throw new Error(`session create failed: ${result.stderr}`);
      return result.json().worktree as string;
    },
    commit(worktree, files, message) {
      write(worktree, files);
      gitIn(worktree, ["add", "-A"]);
      gitIn(worktree, ["commit", "-q", "-m", message]);
      return gitIn(worktree, ["rev-parse", "HEAD"]).trim();
    },
    sneak(worktree, files, message) {
      const off = ["-c", "core.hooksPath=/dev/null"];
      for (const [file, content] of Object.entries(files)) {
        const blob = gitIn(worktree, [...off, "hash-object", "-w", "--stdin"], content).trim();
        gitIn(worktree, [...off, "update-index", "--add", "--cacheinfo", `100644,${blob},${file}`]);
      }
      const tree = gitIn(worktree, [...off, "write-tree"]).trim();
      const parent = gitIn(worktree, ["rev-parse", "HEAD"]).trim();
      const commit = gitIn(worktree, [...off, "commit-tree", tree, "-p", parent, "-m", message]).trim();
      const branch = gitIn(worktree, ["symbolic-ref", "HEAD"]).trim();
      gitIn(worktree, [...off, "update-ref", branch, commit, parent]);
      gitIn(worktree, [...off, "checkout", "-q", "--", "."]);
      return commit;
    },
    gitIn,
    head: (ref) => repo.git(["rev-parse", ref]).stdout.trim(),
    artifactDir(result) {
      const line = result.stdout.split("\n").find((candidate) => candidate.startsWith("artifact: "));
      if (!line) throw new Error(`no artifact line in: ${result.stdout}\n${result.stderr}`);
      return line.slice("artifact: ".length).trim();
    },
    cleanup: () => repo.cleanup(),
  };
}

export const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");
