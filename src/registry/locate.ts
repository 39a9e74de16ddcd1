// Finds the workspace (.handshake/ at the main worktree root) from any directory of the repository.
import path from "node:path";
import fs from "node:fs";
import { runGitSync } from "../git/index.ts";
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

export function locateRepo(cwd: string = process.cwd()): RepoLocation {
  const result = runGitSync({
    args: ["rev-parse", "--path-format=absolute", "--git-common-dir", "--git-dir", "--show-toplevel"],
    cwd,
    env: envWithoutRepoOverrides(),
  });
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
