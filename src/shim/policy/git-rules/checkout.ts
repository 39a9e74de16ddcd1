// checkout, restore, switch: the forms that overwrite worktree files are the dangerous ones.
import { resolve } from "node:path";
import { finding, type Finding } from "../decide.ts";
import { checkFile, checkPathspecs, type GitCall } from "../git-call.ts";
import { fsExists } from "../realpath.ts";
import { flag, has, values } from "../options.ts";
import { namespaceFindings, parse, type GitRule } from "./common.ts";

/** Would git read this lone operand as a path rather than a revision? Fails towards "path". */
function looksLikePath(call: GitCall, arg: string): boolean {
  if (arg === "-" || arg === "@") return false;
  if (arg.startsWith(":") || arg === "." || arg === ".." || arg.startsWith("./") || arg.startsWith("../") || arg.startsWith("/")) return true;
  if (/[*?[]/.test(arg) && !/[~^@{]/.test(arg)) return true;
  const exists = call.ctx.exists ?? fsExists;
  return exists(resolve(call.cwd, arg));
}

const checkout: GitRule = (call) => {
  const { p, findings } = parse(call.args, "checkout");
  if (flag(p, "force") === true || has(p, "-B")) findings.push(finding("git.checkout.force"));
  if (has(p, "ignore-other-worktrees")) findings.push(finding("git.checkout.force"));
  if (has(p, "patch") || values(p, "pathspec-from-file").length > 0) findings.push(finding("git.checkout.discard"));
  for (const f of values(p, "pathspec-from-file")) findings.push(...checkFile(call, f, "read"));
  const created = [...values(p, "-b"), ...values(p, "-B"), ...values(p, "orphan")];
  findings.push(...namespaceFindings(call, created));
  let paths: string[];
  if (p.dashdash >= 0) paths = p.operands.slice(p.dashdash);
  else if (created.length > 0) paths = p.operands.slice(1);
  else if (p.operands.length > 0 && looksLikePath(call, p.operands[0] as string)) paths = p.operands;
  else paths = p.operands.slice(1);
  if (paths.length > 0) findings.push(finding("git.checkout.discard"), ...checkPathspecs(call, paths, "pathspec"));
  return findings;
};

const restore: GitRule = (call) => {
  const { p, findings } = parse(call.args, "restore");
  const worktree = flag(p, "worktree") === true || flag(p, "staged") !== true;
  for (const f of values(p, "pathspec-from-file")) findings.push(...checkFile(call, f, "read"));
  if (!worktree) return [...findings, ...checkPathspecs(call, p.operands, "pathspec-read")];
  return [...findings, finding("git.restore.worktree"), ...checkPathspecs(call, p.operands, "pathspec")];
};

const switchRule: GitRule = (call) => {
  const { p, findings } = parse(call.args, "switch");
  if (flag(p, "discard-changes") === true || flag(p, "force") === true) findings.push(finding("git.switch.discard"));
  if (values(p, "force-create").length > 0) findings.push(finding("git.branch.force"));
  if (has(p, "ignore-other-worktrees")) findings.push(finding("git.switch.discard"));
  const created = [...values(p, "create"), ...values(p, "force-create"), ...values(p, "orphan")];
  const extra: Finding[] = p.operands.length > 1 ? [finding("git.parse.unrecognised", undefined, "switch takes one target")] : [];
  return [...findings, ...extra, ...namespaceFindings(call, created)];
};

export const CHECKOUT_RULES: Record<string, GitRule> = { checkout, restore, switch: switchRule };
