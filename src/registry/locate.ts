// Finds the workspace (.handshake/ at the main worktree root) from any directory of the repository.
import path from "node:path";
import fs from "node:fs";
import { runGitSync, type GitResult } from "../git/run.ts";
import { HsError } from "../errors.ts";
import { shQuote } from "../shim/shell-quote.ts";

export interface RepoLocation {
  /** Root of the worktree that contains cwd (may be a linked worktree). */
  worktreeRoot: string;
  /** This worktree's git dir (.git, or .git/worktrees/<name> for a linked worktree). */
  gitDir: string;
  /** The common git dir shared by all worktrees. */
  commonDir: string;
  /** Root of the main worktree, where .handshake/ lives. */
  mainRoot: string;
  handshakeDir: string;
}

const LOCATE_ARGS = ["rev-parse", "--path-format=absolute", "--git-common-dir", "--git-dir", "--show-toplevel"];

/**
 * A locating rev-parse this process just ran for cwd (the actor check's), used once by the next locateRepo of the
 * same directory within a few seconds (a long-lived process never locates from an old answer).
 */
let primed: { cwd: string; result: GitResult; at: number } | null = null;
const PRIMED_MS = 5000;

function revParseLocation(cwd: string): GitResult {
  const taken = primed;
  primed = null;
  if (taken?.cwd === cwd && Date.now() - taken.at < PRIMED_MS) return taken.result;
  return runGitSync({ args: LOCATE_ARGS, cwd, env: envWithoutRepoOverrides() });
}

/**
 * The absolute git dir of the worktree holding cwd, or null outside a repository. With the process's own
 * environment it is the rev-parse locateRepo needs next (one git call for both); where that one fails (a bare
 * repository, cwd inside .git) it asks git for the git dir alone.
 */
export function absoluteGitDir(cwd: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env === process.env) {
    const result = runGitSync({ args: LOCATE_ARGS, cwd, env: envWithoutRepoOverrides() });
    const gitDir = result.stdout.split("\n")[1];
    if (result.code === 0 && gitDir) {
      primed = { cwd, result, at: Date.now() };
      return gitDir;
    }
  }
  const result = runGitSync({ args: ["rev-parse", "--absolute-git-dir"], cwd, env: envWithoutRepoOverrides(env) });
  return result.code === 0 ? result.stdout.trim() : null;
}

export function locateRepo(cwd: string = process.cwd()): RepoLocation {
  const result = revParseLocation(cwd);
  if (result.code !== 0) {
    throw new HsError("HS-NOT-A-REPO", `${cwd} is not inside a git work tree`, { hint: "cd into your repository, or run: git init" });
  }
  const [commonDir, gitDir, worktreeRoot] = result.stdout.trim().split("\n").map((line) => fs.realpathSync(line));
  if (!commonDir || !gitDir || !worktreeRoot) throw new HsError("HS-NOT-A-REPO", "git rev-parse gave no work tree", { hint: "run hs from inside a non-bare repository" });
  if (path.basename(commonDir) !== ".git") {
    throw new HsError("HS-NOT-A-REPO", `unsupported repository layout (common dir ${commonDir} is not <root>/.git)`, {
      hint: "run hs in a regular (non-bare, non-separate-git-dir) clone",
    });
  }
  const mainRoot = path.dirname(commonDir);
  return { worktreeRoot, gitDir, commonDir, mainRoot, handshakeDir: path.join(mainRoot, ".handshake") };
}

/** Like locateRepo, but also requires `hs init` to have run. */
export function locateWorkspace(cwd: string = process.cwd()): RepoLocation {
  const location = locateRepo(cwd);
  if (!fs.existsSync(path.join(location.handshakeDir, "workspace.json"))) {
    // hs init restores a deleted workspace.json with the same workspace id when devcc.db or the log still exist
    throw new HsError("HS-NOT-INITIALISED", `no .handshake/workspace.json in ${location.mainRoot}`, { hint: `cd ${shQuote(location.mainRoot)} && hs init` });
  }
  return location;
}

/** hs decides which repository it works on from cwd alone, never from GIT_DIR/GIT_WORK_TREE it inherited. */
export function envWithoutRepoOverrides(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const key of ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE", "GIT_PREFIX"]) delete env[key];
  return env;
}
