// A temp repository with hs initialised (through the real `hs init` once it exists in the build).
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hs } from "../helpers/hs.ts";

export function initRepo(options: { worktreesDir?: string } = {}): TempRepo {
  const repo = makeTempRepo();
  const result = hs(["init", ...(options.worktreesDir ? ["--worktrees-dir", options.worktreesDir] : [])], { cwd: repo.root });
  if (result.code !== 0) throw new Error(`hs init failed (${result.code}): ${result.stderr}`);
  return repo;
}
