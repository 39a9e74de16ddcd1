// `git worktree list --porcelain`, parsed (pure parser + one git call).
import fs from "node:fs";
import { runGitSync } from "../../git/index.ts";
import { envWithoutRepoOverrides } from "../../registry/locate.ts";

export interface GitWorktree {
  path: string;
  branch: string | null;
  prunable: boolean;
}

export function parseWorktreeList(out: string): GitWorktree[] {
  const trees: GitWorktree[] = [];
  for (const block of out.split("\n\n")) {
    const lines = block.split("\n").filter(Boolean);
    const first = lines[0];
    if (!first?.startsWith("worktree ")) continue;
    const branch = lines.find((line) => line.startsWith("branch "))?.slice("branch ".length) ?? null;
    trees.push({ path: first.slice("worktree ".length), branch, prunable: lines.some((line) => line.startsWith("prunable")) });
  }
  return trees;
}

export function listWorktrees(mainRoot: string): GitWorktree[] {
  const result = runGitSync({ args: ["worktree", "list", "--porcelain"], cwd: mainRoot, env: envWithoutRepoOverrides() });
  return result.code === 0 ? parseWorktreeList(result.stdout).map((tree) => ({ ...tree, path: real(tree.path) })) : [];
}

function real(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
