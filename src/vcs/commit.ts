// version.commit(paths[], message): commits exactly the selected paths. A temporary index is built from HEAD plus
// those paths (the user's index is never read for writing, locked or written: no implicit staging), the message is
// stored as a content-addressed artifact and referenced from the `vcs.committed` event.
// - main checkout: the operator's own `git commit` on that index, so the repository's hooks and hs's hooks run as
//   for any commit and can refuse (HS-VCS-COMMIT-REFUSED, with git's exit code and the hook's output).
// - a session worktree: host-side git there is hardened (it never runs what the session controls, hooks included),
//   so hs applies its pre-commit rules itself (scope, governance: HS-SCOPE-OUT / HS-GOVERNANCE-PATH), builds the
//   commit with plumbing and moves the session's branch with a compare-and-swap.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { isTerminal } from "../registry/sessions.ts";
import { storeContent, type StoredContent } from "../registry/content-artifact.ts";
import { runGitSync } from "../git/run.ts";
import { authorize } from "../ops/guard.ts";
import { frActor, type Actor } from "../ops/actor.ts";
import { EMPTY_TREE, headOf, resolveTarget, type VcsTarget } from "./target.ts";
import { checkPaths, checkSessionScope } from "./paths.ts";
import { targetStatus } from "./status.ts";
import { withTempIndex } from "./temp-index.ts";

export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface CommitInput {
  target: string;
  paths: string[];
  message: string;
}

export interface CommitResult {
  commit: string;
  paths: string[];
  artifact: string;
  message_sha256: string;
  event_id: number;
  /** Committed paths whose entry in the user's (untouched) index still differs from the new HEAD: `git reset -q -- P`. */
  index_behind: string[];
}

/** The operator's git in their own checkout: their config and hooks, nothing inherited that points elsewhere. */
function operatorEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_") && key !== "HS_SESSION_ID") env[key] = value;
  for (const key of ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"]) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  return { ...env, GIT_LITERAL_PATHSPECS: "1", GIT_TERMINAL_PROMPT: "0", GIT_EDITOR: "true", ...extra };
}

function commitMain(root: string, paths: string[], messageFile: string): string {
  return withTempIndex((extra) => {
    const env = operatorEnv(extra);
    const git = (args: string[]) => runGitSync({ args, cwd: root, env });
    const head = git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).stdout.trim();
    must(git(head ? ["read-tree", head] : ["read-tree", "--empty"]), "read-tree");
    must(git(["add", "-A", "--", ...paths]), "add");
    if (git(["diff", "--cached", "--quiet", head || EMPTY_TREE, "--"]).code === 0) throw nothingToCommit("main", paths);
    const committed = git(["commit", "--no-edit", "--cleanup=strip", "-F", messageFile]);
    if (committed.code !== 0) {
      const output = `${committed.stdout}${committed.stderr}`.trim();
      throw new HsError("HS-VCS-COMMIT-REFUSED", `git commit exited ${committed.code}: ${lastLines(output)}`, {
        hint: "fix what the hook reports, then commit again: hs vcs commit main -m MESSAGE -- PATHS",
        details: { exit_code: committed.code, output: output.slice(-8192) },
      });
    }
    return git(["rev-parse", "HEAD"]).stdout.trim();
  });
}

function commitSession(ws: Workspace, target: VcsTarget, paths: string[], message: string): string {
  const session = target.session!;
  if (isTerminal(session.state)) throw new HsError("HS-SESSION-TERMINAL", `session '${session.id}' is ${session.state}`, { hint: `hs session show ${session.id}` });
  if (session.isolation === "lock" || !session.branch) {
    throw new HsError("HS-VCS-LOCK-MODE", `session '${session.id}' shares the main worktree (lock mode); commit from its shell`, { hint: `hs session shell ${session.id}` });
  }
  const ref = `refs/heads/${session.branch}`;
  const renamedFrom = targetStatus(target).files.filter((f) => f.old_path && paths.includes(f.path)).map((f) => f.old_path!);
  checkSessionScope(session, ws.config.governance_paths, [...paths, ...renamedFrom], "commit");
  const head = target.git().ok(["symbolic-ref", "-q", "HEAD"]).trim();
  if (head !== ref) throw new HsError("HS-SESSION-ADMIN-TAMPERED", `session '${session.id}' HEAD is ${head}, not ${ref}`, { hint: "hs doctor --fix" });
  return withTempIndex((env) => {
    const git = target.git({ ...env, ...identity(ws) });
    const parent = headOf(git);
    git.ok(parent ? ["read-tree", parent] : ["read-tree", "--empty"]);
    git.ok(["add", "-A", "--", ...paths]);
    const tree = git.ok(["write-tree"]).trim();
    const before = parent ? git.ok(["rev-parse", `${parent}^{tree}`]).trim() : EMPTY_TREE;
    if (tree === before) throw nothingToCommit(session.id, paths);
    const commit = git.ok(["commit-tree", tree, ...(parent ? ["-p", parent] : [])], message).trim();
    git.ok(["update-ref", "-m", "hs vcs commit", ref, commit, parent ?? "0".repeat(40)]);
    return commit;
  });
}

/** Who the plumbing commit is by: the operator's identity from the main repository's config, else a fixed one. */
function identity(ws: Workspace): Record<string, string> {
  const read = (key: string) => runGitSync({ args: ["config", "--get", key], cwd: ws.loc.mainRoot, env: operatorEnv({}) }).stdout.trim();
  const name = process.env.GIT_AUTHOR_NAME ?? (read("user.name") || "hs operator");
  const email = process.env.GIT_AUTHOR_EMAIL ?? (read("user.email") || "hs@localhost");
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? name, GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? email };
}

export function vcsCommitOp(ws: Workspace, actor: Actor, input: CommitInput): CommitResult {
  authorize(ws, actor, `vcs commit ${input.target} -m ... -- ${input.paths.join(" ")}`, { who: "operator" });
  const paths = checkPaths(input.paths, "commit");
  const message = input.message.trim();
  if (!message) throw new HsError("HS-USAGE", "commit: the message is empty", { hint: `hs vcs commit ${input.target} -m 'what and why' -- PATHS` });
  if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw new HsError("HS-USAGE", `commit: the message is over ${MAX_MESSAGE_BYTES} bytes`, { hint: "shorten it" });
  const target = resolveTarget(ws, input.target);
  const stored: StoredContent = storeContent(ws, `${message}\n`);
  const file = path.join(ws.loc.handshakeDir, stored.artifact);
  const ids = { session_id: target.session?.id ?? null, wp_id: target.session?.wp ?? null, mt_id: target.session?.mt ?? null };
  let commit: string;
  try {
    commit = target.kind === "main" ? commitMain(target.root, paths, file) : commitSession(ws, target, paths, fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error instanceof HsError && error.code !== "HS-INTERNAL") {
      const payload = { target: target.name, paths, code: error.code, reason: error.message, message_sha256: stored.sha256, exit_code: error.details?.exit_code ?? null };
      ws.record({ type: "vcs.commit_refused", actor: frActor(actor), ...ids, payload });
    }
    throw error;
  }
  const payload = { target: target.name, commit, paths, message_sha256: stored.sha256, message_artifact: stored.artifact, index: "temporary" };
  const event = ws.record({ type: "vcs.committed", actor: frActor(actor), ...ids, payload });
  // Reading the user's index (never writing it): what `git status` will show as staged the other way round.
  const behind = target.git().run(["diff", "--cached", "--name-only", "-z", commit, "--", ...paths]).stdout.split("\0").filter(Boolean);
  return { commit, paths, artifact: stored.artifact, message_sha256: stored.sha256, event_id: event.seq, index_behind: behind };
}

function must(result: { code: number; stderr: string }, step: string): void {
  if (result.code !== 0) throw new HsError("HS-GIT-FAILED", `git ${step} exited ${result.code}: ${lastLines(result.stderr)}`, { details: { exit_code: result.code, stderr: result.stderr } });
}

function nothingToCommit(target: string, paths: string[]): HsError {
  return new HsError("HS-VCS-NOTHING-TO-COMMIT", `the selected paths have no change against HEAD: ${paths.slice(0, 5).join(", ")}`, { hint: `hs vcs status ${target}` });
}

const lastLines = (text: string) => text.trim().split("\n").slice(-3).join(" | ");
