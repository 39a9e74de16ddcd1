// The documented rule list. `ask`: the operator may approve (work can be lost, but it is the
// session's own). `deny`: never approvable from a session, because it reaches what the session
// does not own (another session, the main checkout, .git internals, governance) or runs code
// the gate cannot see. Hints: `{request}` is filled by the runtime, `{worktree}` by classify.
import type { GateDecision } from "./types.ts";

export interface Rule {
  id: string;
  decision: GateDecision;
  reason: string;
  hint: string;
}

const APPROVE = "hs approve {request}";
const r = (id: string, decision: GateDecision, reason: string, hint = APPROVE): Rule => ({ id, decision, reason, hint });

export const RULES = [
  r("safe.read-only", "allow", "read-only command", ""),
  r("safe.in-scope", "allow", "touches only the session's own scope and loses nothing", ""),
  r("safe.help", "allow", "prints help; runs nothing", ""),
  r("git.reset.hard", "ask", "reset --hard discards uncommitted changes in the worktree and index", `${APPROVE}  (or keep the work first: git commit -am wip)`),
  r("git.reset.merge", "ask", "reset --merge/--keep can discard staged or local changes", `${APPROVE}  (or keep the work first: git commit -am wip)`),
  r("git.clean", "ask", "git clean deletes untracked files that exist nowhere else", `${APPROVE}  (preview first: git clean -n)`),
  r("git.rebase", "ask", "rebase rewrites history and can drop or reset work", APPROVE),
  r("git.pull.rebase", "ask", "this pull rebases (flag or config), rewriting local history", `${APPROVE}  (or merge instead: git pull --no-rebase)`),
  r("git.push.force", "ask", "force push (flag, lease or +refspec) can drop remote commits", `${APPROVE}  (or push without force: git push)`),
  r("git.push.delete", "ask", "push deletes remote refs (--delete or :ref)", APPROVE),
  r("git.push.mirror", "ask", "mirror push overwrites and deletes every remote ref", APPROVE),
  r("git.push.prune", "ask", "push --prune deletes remote refs that have no local counterpart", APPROVE),
  r("git.fetch.force", "ask", "fetch would force-update or prune local refs", `${APPROVE}  (or fetch into remote-tracking refs: git fetch)`),
  r("git.checkout.discard", "ask", "checkout of paths overwrites uncommitted changes in those files", `${APPROVE}  (or keep the work first: git commit <path>)`),
  r("git.checkout.force", "ask", "checkout --force/-B/-p discards local changes or resets a branch", APPROVE),
  r("git.restore.worktree", "ask", "restore writes the worktree and discards uncommitted edits", `${APPROVE}  (index only is allowed: git restore --staged <path>)`),
  r("git.switch.discard", "ask", "switch --discard-changes/--force/-C throws away local changes or resets a branch", APPROVE),
  r("git.branch.force-delete", "ask", "force-deleting a branch can lose unmerged commits", `${APPROVE}  (safe delete: git branch -d <branch>)`),
  r("git.branch.force", "ask", "-M/-C/-f can overwrite an existing branch", APPROVE),
  r("git.ref.outside-session", "ask", "creates or moves a branch outside refs/heads/hs/{session}/", "use a branch under hs/{session}/, or " + APPROVE),
  r("git.tag.rewrite", "ask", "deletes or overwrites a tag", APPROVE),
  r("git.stash.drop", "ask", "stash drop/clear deletes stashes, which are shared by every worktree", APPROVE),
  r("git.worktree.remove", "ask", "worktree remove deletes a worktree and its uncommitted work", APPROVE),
  r("git.worktree.prune", "ask", "worktree prune deletes the admin data of worktrees that look missing", APPROVE),
  r("git.worktree.move", "ask", "worktree move relocates a worktree", APPROVE),
  r("git.worktree.add-outside", "ask", "worktree add outside the session's worktree (or forced)", APPROVE),
  r("git.worktree.admin", "ask", "changes the admin state of a worktree (lock/unlock/repair)", APPROVE),
  r("git.hooks.bypass", "ask", "skips git hooks (--no-verify, -n, core.hooksPath)", `${APPROVE}  (or let the hooks run: drop --no-verify)`),
  r("git.config.command", "ask", "sets config that makes git run a command (alias, fsmonitor, sshCommand, pager, editor, include, ...)", APPROVE),
  r("git.config.risky", "ask", "sets config that changes what later commands do (rebase, mirror, requireForce, worktree, expiry, ...)", APPROVE),
  r("git.config.edit", "ask", "opens the config in an editor; any key may change", APPROVE),
  r("git.config.file", "ask", "git would read config from a file the gate has not seen (GIT_CONFIG_GLOBAL/SYSTEM)", APPROVE),
  r("git.command.exec", "ask", "makes git run a program (upload-pack, receive-pack, -O, bisect run, tools)", APPROVE),
  r("git.submodule.foreach", "ask", "submodule foreach runs a shell command where nested git bypasses the gate", APPROVE),
  r("git.submodule.discard", "ask", "forced submodule deinit/update discards submodule work", APPROVE),
  r("git.plumbing.read-tree", "ask", "read-tree --reset/-u can overwrite the index and worktree", APPROVE),
  r("git.plumbing.checkout-index", "ask", "checkout-index -f overwrites worktree files", APPROVE),
  r("git.plumbing.update-ref", "ask", "update-ref deletes a ref or writes one outside the session's namespace", APPROVE),
  r("git.plumbing.symbolic-ref", "ask", "symbolic-ref rewrites or deletes a symbolic ref such as HEAD", APPROVE),
  r("git.reflog.expire", "ask", "reflog expire/delete removes the safety net for lost commits", APPROVE),
  r("git.gc.prune", "ask", "gc/prune deletes unreachable objects (lost work becomes unrecoverable)", APPROVE),
  r("git.history.rewrite", "ask", "filter-branch/replace rewrites what history means", APPROVE),
  r("git.sequencer.abort", "ask", "--abort/--skip resets the worktree to a previous state", APPROVE),
  r("git.notes.remove", "ask", "removes notes", APPROVE),
  r("git.remote.change", "ask", "changes or removes a remote shared by every session", APPROVE),
  r("git.sparse-checkout", "ask", "sparse-checkout changes which files exist in the worktree", APPROVE),
  r("git.mv.force", "ask", "mv -f overwrites the destination", APPROVE),
  r("git.maintenance", "ask", "maintenance schedules or runs repository-wide jobs", APPROVE),
  r("git.exec-path", "ask", "--exec-path/GIT_EXEC_PATH makes git run subcommands from another directory", APPROVE),
  r("git.env.command", "ask", "the environment makes git run a program (GIT_SSH_COMMAND, GIT_EXTERNAL_DIFF, GIT_EDITOR, ...)", APPROVE),
  r("git.env.redirect", "ask", "the environment points git at another object store, index or common dir", APPROVE),
  r("git.namespace", "ask", "a ref namespace moves ref writes outside the session's refs", APPROVE),
  r("git.parse.unrecognised", "ask", "an option the gate cannot resolve unambiguously (unknown, ambiguous prefix or missing value)", `spell the option out in full, or ${APPROVE}`),
  r("git.paths.hidden", "ask", "the paths come from a file or stdin the gate does not read", APPROVE),
  r("git.subcommand.unvetted", "ask", "a git subcommand the gate has no rule for", APPROVE),
  r("git.subcommand.unknown", "deny", "not a git subcommand and not a plain alias; external git-<name> programs run outside the gate", "spell out the real git subcommand"),
  r("git.alias.shell", "deny", "a '!' alias runs a shell where nested git bypasses the gate", "run the commands directly, one by one"),
  r("scope.outside", "ask", "writes outside the session's worktree (or runs git outside it)", APPROVE),
  r("scope.out-of-scope", "ask", "path inside the worktree but outside the session's IN_SCOPE_PATHS", APPROVE),
  r("scope.governance", "deny", "governance paths change only by the operator; hooks and merge-back reject them anyway", "leave governance files alone; ask the operator"),
  r("scope.other-worktree", "deny", "reaches another session's worktree", "work inside your own worktree: cd {worktree}"),
  r("scope.main-checkout", "deny", "reaches the main checkout, which no session owns", "work inside your own worktree: cd {worktree}"),
  r("scope.git-internals", "deny", "reaches repository internals (.git, the common dir, another git dir, .handshake)", "use git porcelain from {worktree}; never edit .git"),
  r("scope.ancestor", "deny", "the path contains worktrees or the repository itself", "name the paths inside {worktree} instead"),
  r("rm.outside-scope", "ask", "rm of a path outside the session's scope", APPROVE),
  r("rm.parse", "ask", "rm option the gate does not know", `spell the option out in full, or ${APPROVE}`),
  r("gate.error", "ask", "the gate could not classify this command (engine error); failing closed", APPROVE),
  r("rm.worktree-root", "deny", "recursive deletion of the session's worktree root", "delete the paths inside it by name"),
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]["id"];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
