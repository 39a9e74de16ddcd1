// branch, tag and the ref plumbing: deleting or overwriting refs, expiring the reflog, pruning.
import { finding, type Finding } from "../decide.ts";
import { checkFile } from "../git-call.ts";
import { flag, has, values } from "../options.ts";
import { inSessionNamespace, namespaceFindings, parse, type GitRule } from "./common.ts";

const LISTING = ["list", "all", "remotes", "contains", "no-contains", "merged", "no-merged", "points-at", "show-current", "format", "sort", "column", "verbose"];

const branch: GitRule = (call) => {
  const { p, findings } = parse(call.args, "branch");
  const force = flag(p, "force") === true;
  const del = has(p, "delete") || has(p, "-D");
  if (has(p, "-D") || (del && force)) findings.push(finding("git.branch.force-delete"));
  if (del) return findings;
  if (has(p, "-M") || has(p, "-C") || force) findings.push(finding("git.branch.force"));
  const moves = has(p, "move") || has(p, "-M") || has(p, "copy") || has(p, "-C");
  if (moves) return [...findings, ...namespaceFindings(call, p.operands.slice(-1))];
  const upstream = has(p, "set-upstream-to") || has(p, "unset-upstream") || has(p, "edit-description") || values(p, "track").length > 0 && p.operands.length === 0;
  if (upstream || LISTING.some((o) => has(p, o)) || p.operands.length === 0) return findings;
  return [...findings, ...namespaceFindings(call, p.operands.slice(0, 1))];
};

const tag: GitRule = (call) => {
  const { p, findings } = parse(call.args, "tag");
  if (has(p, "delete") || has(p, "force")) findings.push(finding("git.tag.rewrite"));
  for (const f of values(p, "file")) findings.push(...checkFile(call, f, "read"));
  return findings;
};

const updateRef: GitRule = (call) => {
  const { p, findings } = parse(call.args, "update-ref");
  if (has(p, "-d") || has(p, "stdin")) findings.push(finding("git.plumbing.update-ref"));
  const ref = p.operands[0];
  if (ref !== undefined && !(ref.startsWith("refs/heads/") && inSessionNamespace(call, ref))) {
    findings.push(finding("git.plumbing.update-ref", undefined, ref));
  }
  return findings;
};

const symbolicRef: GitRule = (call) => {
  const { p, findings } = parse(call.args, "symbolic-ref");
  if (has(p, "delete") || p.operands.length >= 2) findings.push(finding("git.plumbing.symbolic-ref"));
  return findings;
};

const reflog: GitRule = (call) => {
  const sub = call.args.find((a) => !a.startsWith("-"));
  return sub === "expire" || sub === "delete" ? [finding("git.reflog.expire")] : [];
};

const gc: GitRule = (call) => {
  const { p, findings } = parse(call.args, "gc");
  if (p.options.some((o) => o.name === "prune" && !o.negated)) findings.push(finding("git.gc.prune"));
  return findings;
};

const always = (rule: Parameters<typeof finding>[0]): GitRule => () => [finding(rule)];

const replace: GitRule = (call) => {
  const listing = call.args.length === 0 || call.args.some((a) => a === "-l" || a.startsWith("--list") || a.startsWith("--format"));
  return listing && !call.args.some((a) => /^-[a-z]*[dfeg]/.test(a) || a.startsWith("--d") || a.startsWith("--e") || a.startsWith("--g") || a.startsWith("--c")) ? [] : [finding("git.history.rewrite")];
};

const notes: GitRule = (call) => {
  const sub = call.args.find((a, i) => !a.startsWith("-") && call.args[i - 1] !== "--ref");
  const out: Finding[] = [];
  if (sub === "remove" || sub === "prune") out.push(finding("git.notes.remove"));
  if (call.args.some((a) => a === "-f" || a === "--force")) out.push(finding("git.notes.remove"));
  return out;
};

export const REF_RULES: Record<string, GitRule> = {
  branch, tag, "update-ref": updateRef, "symbolic-ref": symbolicRef, reflog, gc,
  prune: always("git.gc.prune"), replace, "filter-branch": always("git.history.rewrite"), notes,
};
