// Can each worktree find the hooks hs chains? The hs hooks look for a relative chain dir in the worktree
// first, then in the main checkout (templates/hooks: @CHAIN_FALLBACK@); doctor resolves it the same way.
import fs from "node:fs";
import path from "node:path";
import type { RepoLocation } from "../../registry/locate.ts";
import { shellQuote } from "../render.ts";
import type { InstallRecord } from "../record.ts";
import type { GitWorktree } from "./worktrees.ts";
import { problem, warning, type Finding } from "./finding.ts";

/** The chained hook file git's hook for `hook` runs in `worktree`, as the rendered sh script resolves it. */
export function chainedHookFile(chainDir: string, hook: string, worktree: string, mainRoot: string): string {
  if (path.isAbsolute(chainDir)) return path.join(chainDir, hook);
  const own = path.join(worktree, chainDir, hook);
  return fs.existsSync(own) ? own : path.join(mainRoot, chainDir, hook);
}

export function checkChain(loc: RepoLocation, record: InstallRecord, worktrees: GitWorktree[]): Finding[] {
  const findings: Finding[] = [];
  // An absent .git/hooks means there never were hooks to chain; anything else was named by core.hooksPath.
  if (record.chain_kind === "git-hooks" && !fs.existsSync(record.chain_dir)) return [];
  const hooks = Object.keys(record.files).filter((name) => !name.startsWith("_"));
  for (const tree of worktrees.filter((entry) => !entry.prunable && fs.existsSync(entry.path))) {
    const roots = path.isAbsolute(record.chain_dir) ? ["/"] : [tree.path, loc.mainRoot];
    if (!roots.some((root) => fs.existsSync(path.resolve(root, record.chain_dir)))) {
      findings.push(problem("HOOKS-CHAIN-MISSING", `in ${tree.path} the chained hooks dir '${record.chain_dir}' cannot be found${tree.path === loc.mainRoot ? "" : ` (nor in ${loc.mainRoot})`}`, `the repository's own ${record.chain_kind} hooks do not run there`, chainFix(loc, record)));
      continue;
    }
    for (const hook of hooks) {
      const file = chainedHookFile(record.chain_dir, hook, tree.path, loc.mainRoot);
      if (!fs.existsSync(file) || isExecutable(file)) continue;
      findings.push(warning("HOOKS-CHAIN-NOT-EXECUTABLE", `in ${tree.path} the chained ${hook} hook ${file} is not executable`, "hs skips it, as git would", `chmod +x ${shellQuote(file)}`));
    }
  }
  return findings;
}

function chainFix(loc: RepoLocation, record: InstallRecord): string {
  const main = shellQuote(loc.mainRoot);
  // husky regenerates .husky/_ and takes core.hooksPath back; hs init then chains it again
  if (record.chain_kind === "husky") return `cd ${main} && npx husky && hs init`;
  const dir = shellQuote(path.resolve(loc.mainRoot, record.chain_dir));
  return `mkdir -p ${dir}   # then put back the ${record.chain_kind} hooks that were there before hs init`;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
