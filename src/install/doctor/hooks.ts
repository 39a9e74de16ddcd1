// Are hs's hooks the ones git runs? Missing, overwritten, or bypassed (core.hooksPath taken over).
import fs from "node:fs";
import path from "node:path";
import type { RepoLocation } from "../../registry/locate.ts";
import { effectiveHooksPath, localHooksPath } from "../git-config.ts";
import { samePath, sha256 } from "../plan.ts";
import { readInstallRecord } from "../record.ts";
import { isHsManaged } from "../render.ts";
import type { GitWorktree } from "./worktrees.ts";
import { problem, type Finding } from "./finding.ts";
import { checkChain } from "./chain.ts";
import { shQuote } from "../../shim/shell-quote.ts";

export function checkHooks(loc: RepoLocation, worktrees: GitWorktree[]): Finding[] {
  const record = readInstallRecord(loc.commonDir);
  if (!record) {
    return [problem("HOOKS-NOT-INSTALLED", "hs hooks are not installed in this repository", "without them nothing stops a session committing outside its scope", `cd ${shQuote(loc.mainRoot)} && hs init`)];
  }
  const findings: Finding[] = [];
  const local = localHooksPath(loc);
  if (local === null || !samePath(path.resolve(loc.mainRoot, local), record.hooks_dir)) {
    findings.push(
      problem(
        "HOOKS-BYPASSED",
        `core.hooksPath is ${local === null ? "unset" : `'${local}'`}, not hs's ${record.hooks_dir}`,
        "git runs other hooks, so sessions are not checked (husky's prepare script re-sets core.hooksPath on npm install)",
        "hs init   # takes core.hooksPath back and chains the hooks that replaced it",
      ),
    );
  }
  for (const tree of worktrees) {
    const effective = effectiveHooksPath(tree.path);
    if (effective !== null && !samePath(path.resolve(tree.path, effective), record.hooks_dir) && (local === null || samePath(path.resolve(loc.mainRoot, local), record.hooks_dir))) {
      findings.push(
        problem(
          "HOOKS-BYPASSED-WORKTREE",
          `in ${tree.path} git resolves core.hooksPath to '${effective}'`,
          "a per-worktree (config.worktree) or include setting overrides hs's hooks there",
          `git -C '${tree.path}' config --worktree --unset core.hooksPath`,
        ),
      );
    }
  }
  for (const [name, digest] of Object.entries(record.files)) {
    const file = path.join(record.hooks_dir, name);
    let content: string;
    try {
      content = fs.readFileSync(file, "utf8");
    } catch {
      findings.push(problem("HOOKS-MISSING", `${file} is missing`, `git runs no ${name} hook, so hs's check (or the chained hook) is skipped`, "hs init"));
      continue;
    }
    if (sha256(content) === digest) continue;
    const fix = isHsManaged(content) ? "hs init" : `mv '${file}' '${file}.orig' && hs init`;
    findings.push(problem("HOOKS-OVERWRITTEN", `${file} differs from what hs installed`, `someone changed the ${name} hook; hs's check may not run`, fix));
  }
  findings.push(...checkChain(loc, record, worktrees));
  for (const [label, file] of [["node", record.node], ["hs bundle", record.hs_js]] as const) {
    if (!fs.existsSync(file)) {
      findings.push(problem("HOOKS-STALE-PATHS", `the ${label} baked into the hooks (${file}) no longer exists`, "hooks inside sessions fail closed and refuse every commit", "hs init"));
    }
  }
  return findings;
}
