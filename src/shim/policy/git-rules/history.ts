// reset, clean, rebase, pull, push, fetch: the commands that move or drop history and work.
import { finding, type Finding } from "../decide.ts";
import { checkFile, checkPathspecs, configKeys, configValue, type GitCall } from "../git-call.ts";
import { gitBool } from "../config-keys.ts";
import { flag, has, last, values } from "../options.ts";
import { localRepoPath, namespaceFindings, parse, type GitRule } from "./common.ts";

const reset: GitRule = (call) => {
  const { p, findings } = parse(call.args, "reset");
  if (has(p, "hard")) findings.push(finding("git.reset.hard"));
  if (has(p, "merge") || has(p, "keep")) findings.push(finding("git.reset.merge"));
  for (const f of values(p, "pathspec-from-file")) findings.push(...checkFile(call, f, "read"));
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec-read")];
};

const clean: GitRule = (call) => {
  const { p, findings } = parse(call.args, "clean");
  // -n wins over -f (git prints "Would remove"); anything else may delete untracked work.
  if (flag(p, "dry-run") === true) return [...findings, ...checkPathspecs(call, p.operands, "pathspec-read")];
  return [...findings, finding("git.clean"), ...checkPathspecs(call, p.operands, "delete")];
};

const rebase: GitRule = () => [finding("git.rebase")];

function rebasing(call: GitCall, option: { negated: boolean; value?: string } | undefined): boolean {
  if (option !== undefined) return !option.negated && (option.value === undefined || option.value === "" || gitBool(option.value) !== false);
  const configured = [...configKeys(call, /^branch\..+\.rebase$/), configValue(call, "pull.rebase")];
  return configured.some((v) => v !== undefined && gitBool(v) !== false);
}

function repoFindings(call: GitCall, repo: string | undefined, role: "read" | "write"): Finding[] {
  const local = repo === undefined ? null : localRepoPath(repo);
  return local === null ? [] : checkFile(call, local, role);
}

const pull: GitRule = (call) => {
  const { p, findings } = parse(call.args, "pull");
  if (rebasing(call, last(p, "rebase"))) findings.push(finding("git.pull.rebase"));
  if (flag(p, "verify") === false) findings.push(finding("git.hooks.bypass"));
  if (values(p, "upload-pack").length > 0) findings.push(finding("git.command.exec"));
  findings.push(...fetchRefspecs(call, p.operands.slice(1), has(p, "force")));
  return [...findings, ...repoFindings(call, p.operands[0], "read")];
};

/** Local refs a fetch refspec writes: only the session's own branches, never forced. */
function fetchRefspecs(call: GitCall, refspecs: readonly string[], force: boolean): Finding[] {
  const out: Finding[] = [];
  for (const spec of refspecs) {
    const colon = spec.indexOf(":");
    if (colon < 0) continue;
    const dst = spec.slice(colon + 1);
    if (dst === "" || dst.startsWith("refs/remotes/")) continue;
    if (dst.startsWith("refs/") && !dst.startsWith("refs/heads/")) out.push(finding("git.fetch.force", undefined, dst));
    else out.push(...namespaceFindings(call, [dst]));
    if (spec.startsWith("+") || force) out.push(finding("git.fetch.force", undefined, spec));
  }
  return out;
}

const fetch: GitRule = (call) => {
  const { p, findings } = parse(call.args, "fetch");
  if (values(p, "upload-pack").length > 0) findings.push(finding("git.command.exec"));
  if (has(p, "prune-tags") || has(p, "update-head-ok")) findings.push(finding("git.fetch.force"));
  const multiple = has(p, "multiple") || has(p, "all");
  const repos = multiple ? p.operands : p.operands.slice(0, 1);
  if (!multiple) findings.push(...fetchRefspecs(call, p.operands.slice(1), has(p, "force")));
  return [...findings, ...repos.flatMap((r) => repoFindings(call, r, "read"))];
};

const push: GitRule = (call) => {
  const { p, findings } = parse(call.args, "push");
  if (values(p, "receive-pack").length > 0 || values(p, "exec").length > 0) findings.push(finding("git.command.exec"));
  // A dry run talks to the remote but changes nothing; the programs it runs are checked above.
  if (flag(p, "dry-run") === true) return findings;
  if (flag(p, "verify") === false) findings.push(finding("git.hooks.bypass"));
  const leaseOrForce = p.options.some((o) => !o.negated && (o.name === "force" || o.name === "force-with-lease"));
  if (leaseOrForce) findings.push(finding("git.push.force"));
  if (has(p, "mirror") || configKeys(call, /^remote\..+\.mirror$/).some((v) => gitBool(v) !== false)) findings.push(finding("git.push.mirror"));
  if (flag(p, "delete") === true) findings.push(finding("git.push.delete"));
  if (flag(p, "prune") === true) findings.push(finding("git.push.prune"));
  const repo = values(p, "repo").at(-1) ?? p.operands[0];
  const refspecs = values(p, "repo").length > 0 ? p.operands : p.operands.slice(1);
  for (const spec of [...refspecs, ...configKeys(call, /^remote\..+\.push$/)]) {
    if (spec.startsWith("+")) findings.push(finding("git.push.force", undefined, spec));
    else if (spec.startsWith(":") && spec.length > 1) findings.push(finding("git.push.delete", undefined, spec));
  }
  return [...findings, ...repoFindings(call, repo, "write")];
};

export const HISTORY_RULES: Record<string, GitRule> = { reset, clean, rebase, pull, fetch, push };
