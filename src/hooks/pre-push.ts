// pre-push: a session pushes only into its own namespace, and every pushed commit passes the same path rules.
import type { HookActor } from "./actor.ts";
import { checkNewCommits } from "./commit-check.ts";
import { existingObjects } from "./git-reads.ts";
import { pushHint } from "./hints.ts";
import type { Refusal } from "./refusal.ts";
import { ZERO_OID } from "./rules.ts";

export interface PushUpdate {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

export function parsePushUpdates(stdin: string): PushUpdate[] {
  return stdin
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [localRef = "", localOid = "", remoteRef = "", remoteOid = ""] = line.split(" ");
      return { localRef, localOid, remoteRef, remoteOid };
    });
}

export function checkPrePush(actor: HookActor, cwd: string, env: NodeJS.ProcessEnv, args: string[], stdin: string): Refusal[] {
  // The operator's pushes are theirs; locks only govern what lands in the shared worktree.
  if (actor.kind !== "session") return [];
  const remote = args[0] ?? "origin";
  const updates = parsePushUpdates(stdin);
  const refusals: Refusal[] = [];
  for (const update of updates) {
    if (update.remoteRef.startsWith(actor.namespace)) continue;
    refusals.push({
      code: "HS-REF-NAMESPACE",
      subject: update.remoteRef,
      reason: `session ${actor.sessionId} may only push to ${actor.namespace} on the remote`,
      next: pushHint(remote, update.localRef, actor.sessionId),
    });
  }
  const include = updates.filter((u) => !ZERO_OID.test(u.localOid)).map((u) => u.localOid);
  const remoteOids = updates.filter((u) => !ZERO_OID.test(u.remoteOid)).map((u) => u.remoteOid);
  const known = existingObjects(cwd, env, remoteOids);
  const exclude = remoteOids.filter((oid) => known.has(oid));
  const next = (path: string, commit: string) => `git rebase -i ${commit.slice(0, 12)}^   (drop ${path} from that commit, then push again)`;
  return [...refusals, ...checkNewCommits(actor, cwd, env, include, exclude, next)];
}
