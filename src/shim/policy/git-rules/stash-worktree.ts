// stash and worktree: subcommand dispatch like git's own (first non-option word).
import { resolve } from "node:path";
import { finding, type Finding } from "../decide.ts";
import { checkAbs, checkPathspecs } from "../git-call.ts";
import { where } from "../locate.ts";
import { flag, has, values } from "../options.ts";
import { namespaceFindings, parse, type GitRule } from "./common.ts";

const STASH_SUBS = new Set(["list", "show", "push", "save", "pop", "apply", "drop", "clear", "branch", "create", "store"]);

const stash: GitRule = (call) => {
  const first = call.args[0];
  // `git stash -m drop` is `stash push -m drop`: options first mean an implicit push.
  const sub = first === undefined || first.startsWith("-") ? "push" : first;
  const rest = first === undefined || first.startsWith("-") ? call.args : call.args.slice(1);
  if (!STASH_SUBS.has(sub)) return [finding("git.parse.unrecognised", undefined, `stash ${sub}`)];
  if (sub === "drop" || sub === "clear") return [finding("git.stash.drop")];
  if (sub === "branch") return namespaceFindings(call, rest.filter((a) => !a.startsWith("-")).slice(0, 1));
  if (sub !== "push") return [];
  const { p, findings } = parse(rest, "stash push");
  return [...findings, ...checkPathspecs(call, p.operands, "pathspec-read")];
};

const worktree: GitRule = (call) => {
  const sub = call.args[0];
  const rest = call.args.slice(1);
  switch (sub) {
    case "list":
      return [];
    case "add": {
      const { p, findings } = parse(rest, "worktree add");
      const out: Finding[] = [...findings, ...namespaceFindings(call, [...values(p, "-b"), ...values(p, "-B")])];
      if (flag(p, "force") === true || has(p, "-B")) out.push(finding("git.worktree.add-outside"));
      const target = p.operands[0];
      if (target !== undefined) {
        const abs = resolve(call.cwd, target);
        const w = where(call.ctx, abs);
        if (w === "in-scope") return out;
        out.push(finding("git.worktree.add-outside", [abs]), ...checkAbs(call, abs, "write"));
      }
      return out;
    }
    case "remove":
    case "move":
    case "prune": {
      const { p, findings } = parse(rest, `worktree ${sub}`);
      const rule = sub === "remove" ? "git.worktree.remove" : sub === "move" ? "git.worktree.move" : "git.worktree.prune";
      const paths = p.operands.map((o) => resolve(call.cwd, o));
      return [...findings, finding(rule, paths), ...paths.flatMap((abs) => checkAbs(call, abs, "write"))];
    }
    case "lock":
    case "unlock":
    case "repair":
      return [finding("git.worktree.admin")];
    default:
      return [finding("git.parse.unrecognised", undefined, `worktree ${sub ?? ""}`)];
  }
};

export const STASH_WORKTREE_RULES: Record<string, GitRule> = { stash, worktree };
