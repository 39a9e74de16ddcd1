// The next command to suggest when a session touches a ref outside refs/heads/hs/<id>/ (pure).
import { shellArg } from "./refusal.ts";

const leaf = (ref: string) => ref.split("/").filter(Boolean).pop() ?? "work";

export function refHint(ref: string, sessionId: string): string {
  const ns = `hs/${sessionId}/`;
  if (ref === "refs/stash") return `git switch -c ${ns}wip && git commit -a -m wip   # refs/stash is shared by every worktree`;
  if (ref.startsWith("refs/tags/")) return `hs merge-back ${sessionId}   # run by the operator; tags are made on the merged result`;
  if (ref.startsWith("refs/heads/")) return `git switch -c ${shellArg(ns + leaf(ref))}   # the operator hands work back with: hs merge-back ${sessionId}`;
  return `hs merge-back ${sessionId}   # run by the operator; sessions move only refs under refs/heads/${ns}`;
}

export function pushHint(remote: string, localRef: string, sessionId: string): string {
  const name = localRef.startsWith("refs/heads/") ? leaf(localRef) : "work";
  const source = localRef.startsWith("refs/heads/") ? localRef.slice("refs/heads/".length) : localRef || "HEAD";
  return `git push ${shellArg(remote)} ${shellArg(`${source}:refs/heads/hs/${sessionId}/${name}`)}`;
}
