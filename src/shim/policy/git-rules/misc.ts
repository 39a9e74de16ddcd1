// The remaining porcelain: merges and patch application, archives and bundles, clone/init,
// submodules, remotes, and commands that run programs.
import { basename, resolve } from "node:path";
import { finding, type Finding } from "../decide.ts";
import { configKeyRule } from "../config-keys.ts";
import { checkFile, type GitCall } from "../git-call.ts";
import { flag, has, values } from "../options.ts";
import { localRepoPath, parse, type GitRule } from "./common.ts";

function sequencer(name: string, readFiles: string[] = []): GitRule {
  return (call) => {
    const { p, findings } = parse(call.args, name);
    if (has(p, "abort") || has(p, "skip")) findings.push(finding("git.sequencer.abort"));
    if (flag(p, "verify") === false) findings.push(finding("git.hooks.bypass"));
    for (const o of readFiles) for (const f of values(p, o)) findings.push(...checkFile(call, f, "read"));
    return findings;
  };
}

const apply: GitRule = (call) => {
  const { p, findings } = parse(call.args, "apply");
  if (has(p, "unsafe-paths")) findings.push(finding("scope.outside", undefined, "--unsafe-paths"));
  return [...findings, ...p.operands.flatMap((f) => checkFile(call, f, "read"))];
};

const am: GitRule = (call) => {
  const findings = sequencer("am")(call);
  const { p } = parse(call.args, "am");
  return [...findings, ...p.operands.flatMap((f) => checkFile(call, f, "read"))];
};

const archive: GitRule = (call) => {
  const { p, findings } = parse(call.args, "archive");
  if (values(p, "exec").length > 0) findings.push(finding("git.command.exec"));
  for (const f of values(p, "output")) findings.push(...checkFile(call, f, "write"));
  for (const f of values(p, "add-file")) findings.push(...checkFile(call, f, "read"));
  for (const r of values(p, "remote")) findings.push(...repoRead(call, r));
  return findings;
};

function repoRead(call: GitCall, repo: string): Finding[] {
  const local = localRepoPath(repo);
  return local === null ? [] : checkFile(call, local, "read");
}

const bundle: GitRule = (call) => {
  const [sub, ...rest] = call.args.filter((a) => !a.startsWith("-"));
  if (sub === undefined) return [finding("git.parse.unrecognised", undefined, "bundle")];
  const file = rest[0];
  if (file === undefined) return [];
  return checkFile(call, file, sub === "create" ? "write" : "read");
};

const formatPatch: GitRule = (call) => {
  const { p, findings } = parse(call.args, "format-patch");
  for (const d of values(p, "output-directory")) findings.push(...checkFile(call, d, "write"));
  return findings;
};

const clone: GitRule = (call) => {
  const { p, findings } = parse(call.args, "clone");
  if (values(p, "upload-pack").length > 0) findings.push(finding("git.command.exec"));
  // clone runs the template's post-checkout hook at once, with git's exec-path first on PATH.
  if (values(p, "template").length > 0) findings.push(finding("git.command.exec", undefined, "--template hooks run during clone"));
  for (const c of values(p, "config")) {
    const eq = c.indexOf("=");
    const rule = configKeyRule(eq < 0 ? c : c.slice(0, eq), eq < 0 ? undefined : c.slice(eq + 1));
    if (rule !== null) findings.push(finding(rule, undefined, c));
  }
  for (const o of ["template", "reference", "reference-if-able"]) for (const f of values(p, o)) findings.push(...checkFile(call, f, "read"));
  for (const f of values(p, "separate-git-dir")) findings.push(...checkFile(call, f, "write"));
  const [source, dir] = p.operands;
  if (source !== undefined) findings.push(...repoRead(call, source));
  const target = dir ?? (source === undefined ? undefined : basename(source.replace(/\/+$/, "")).replace(/\.git$/, ""));
  if (target !== undefined) findings.push(...checkFile(call, target, "write"));
  return findings;
};

const init: GitRule = (call) => {
  const { p, findings } = parse(call.args, "init");
  // Re-initialising the session's own repository copies templates (hooks) into the shared git
  // dir, and --separate-git-dir moves it: both write repository internals.
  const target = resolve(call.cwd, p.operands[0] ?? ".");
  const reinit = call.ctx.realpath(target) === call.ctx.realpath(call.ctx.session.worktree);
  const templated = values(p, "template").length > 0 || (call.ctx.env.GIT_TEMPLATE_DIR ?? "") !== "";
  if (reinit && (templated || values(p, "separate-git-dir").length > 0)) findings.push(finding("scope.git-internals", [target]));
  for (const f of values(p, "template")) findings.push(...checkFile(call, f, "read"));
  for (const f of values(p, "separate-git-dir")) findings.push(...checkFile(call, f, "write"));
  return [...findings, ...p.operands.flatMap((d) => checkFile(call, d, "write"))];
};

const submodule: GitRule = (call) => {
  const words = call.args.filter((a) => !a.startsWith("-"));
  const sub = words[0];
  const forced = call.args.some((a) => a === "-f" || a === "--force" || a === "--all");
  if (sub === "foreach") return [finding("git.submodule.foreach")];
  if ((sub === "deinit" || sub === "update") && forced) return [finding("git.submodule.discard")];
  if (sub === "add") return words.slice(1).flatMap((w, i) => (i === 0 ? repoRead(call, w) : checkFile(call, w, "write")));
  return [];
};

const sparseCheckout: GitRule = (call) => (call.args[0] === "list" ? [] : [finding("git.sparse-checkout")]);

const remote: GitRule = (call) => {
  const words = call.args.filter((a) => !a.startsWith("-"));
  const sub = words[0];
  if (sub === "remove" || sub === "rm" || sub === "rename" || sub === "set-url") return [finding("git.remote.change")];
  if (sub === "add") return words.slice(2).flatMap((u) => repoRead(call, u));
  return [];
};

const bisect: GitRule = (call) => (call.args[0] === "run" ? [finding("git.command.exec")] : []);
const always = (rule: Parameters<typeof finding>[0]): GitRule => () => [finding(rule)];

/** Long options (exact, `=value` or separate) whose value is a file the command reads or writes. */
function fileOptions(opts: Record<string, "read" | "write">): GitRule {
  return (call) =>
    call.args.flatMap((a, i) => {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      const role = opts[name];
      const value = eq < 0 ? call.args[i + 1] : a.slice(eq + 1);
      return role === undefined || value === undefined ? [] : checkFile(call, value, role);
    });
}

export const MISC_RULES: Record<string, GitRule> = {
  merge: sequencer("merge", ["file"]), "cherry-pick": sequencer("cherry-pick"), revert: sequencer("revert"), am, apply,
  archive, bundle, "format-patch": formatPatch, clone, init, "init-db": init, submodule, "sparse-checkout": sparseCheckout,
  remote, bisect, maintenance: always("git.maintenance"), difftool: always("git.command.exec"),
  mergetool: always("git.command.exec"), instaweb: always("git.command.exec"), "send-email": always("git.command.exec"),
  "for-each-repo": always("git.command.exec"), daemon: always("git.command.exec"),
  "hash-object": () => [], "commit-tree": () => [], "write-tree": () => [], mktree: () => [], mktag: () => [],
  "pack-refs": () => [], repack: () => [], "update-server-info": () => [],
  "commit-graph": fileOptions({ "--object-dir": "write" }), "multi-pack-index": fileOptions({ "--object-dir": "write" }),
  "prune-packed": () => [], hook: () => [], "fmt-merge-msg": () => [], "merge-tree": () => [], "unpack-file": () => [],
  "fast-export": fileOptions({ "--export-marks": "write", "--import-marks": "read", "--import-marks-if-exists": "read" }),
  rerere: (call) => (call.args[0] === "clear" || call.args[0] === "forget" ? [finding("git.sequencer.abort")] : []),
};
