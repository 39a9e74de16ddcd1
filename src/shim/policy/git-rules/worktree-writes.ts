// Commands that write the index or worktree by path: add, rm, mv, commit, update-index and the
// index plumbing. Pathspecs inside governance are refused; outside the session, asked or refused.
import { resolve } from "node:path";
import { finding } from "../decide.ts";
import { checkAbs, checkFile, checkPathspecs, governanceInside, pathspecsOf } from "../git-call.ts";
import { flag, has, values } from "../options.ts";
import { parse, type GitRule } from "./common.ts";

const add: GitRule = (call) => {
  const { p, findings } = parse(call.args, "add");
  for (const f of values(p, "pathspec-from-file")) findings.push(...checkFile(call, f, "read"));
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec")];
};

const rm: GitRule = (call) => {
  const { p, findings } = parse(call.args, "rm");
  for (const f of values(p, "pathspec-from-file")) findings.push(...checkFile(call, f, "read"));
  findings.push(...checkPathspecs(call, p.operands, "pathspec"));
  if (flag(p, "cached") !== true) {
    // Deleting a directory from the worktree deletes the governance files under it too.
    if (values(p, "pathspec-from-file").length > 0) findings.push(finding("git.paths.hidden"));
    for (const ps of pathspecsOf(call, p.operands)) {
      const gov = ps.exclude ? [] : governanceInside(call, ps.abs);
      if (gov.length > 0) findings.push(finding("scope.governance", gov));
    }
  }
  return findings;
};

const mv: GitRule = (call) => {
  const { p, findings } = parse(call.args, "mv");
  if (flag(p, "force") === true) findings.push(finding("git.mv.force"));
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec")];
};

const commit: GitRule = (call) => {
  const { p, findings } = parse(call.args, "commit");
  if (flag(p, "verify") === false) findings.push(finding("git.hooks.bypass"));
  for (const name of ["file", "template", "pathspec-from-file"]) {
    for (const f of values(p, name)) findings.push(...checkFile(call, f, "read"));
  }
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec")];
};

const updateIndex: GitRule = (call) => {
  const { p, findings } = parse(call.args, "update-index");
  if (has(p, "stdin") || has(p, "index-info")) findings.push(finding("git.paths.hidden"));
  for (const info of values(p, "cacheinfo")) {
    const path = info.split(",")[2];
    if (path !== undefined) findings.push(...checkPathspecs(call, [path], "pathspec"));
  }
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec")];
};

const readTree: GitRule = (call) => {
  const { p, findings } = parse(call.args, "read-tree");
  if (flag(p, "dry-run") === true) return findings;
  if (has(p, "reset") || has(p, "-u")) findings.push(finding("git.plumbing.read-tree"));
  for (const f of values(p, "index-output")) findings.push(...checkFile(call, f, "write"));
  for (const prefix of values(p, "prefix")) findings.push(...checkPathspecs(call, [prefix], "pathspec"));
  return findings;
};

const checkoutIndex: GitRule = (call) => {
  const { p, findings } = parse(call.args, "checkout-index");
  if (has(p, "force")) findings.push(finding("git.plumbing.checkout-index"));
  if (has(p, "stdin")) findings.push(finding("git.paths.hidden"));
  // --prefix is a string prefix, so "../x" and "dir/" both lead somewhere; check where it lands.
  for (const prefix of values(p, "prefix")) findings.push(...checkAbs(call, resolve(call.cwd, `${prefix}x`), "write"));
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec")];
};

export const WORKTREE_WRITE_RULES: Record<string, GitRule> = {
  add, stage: add, rm, mv, commit, "update-index": updateIndex, "read-tree": readTree, "checkout-index": checkoutIndex,
};
