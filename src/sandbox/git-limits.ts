// Git commands that cannot work inside the sandbox because they write shared files (pure). The host answers
// them with a clear refusal instead of letting git fail on "Read-only file system" halfway through.
import { INSIDE_SOCKET } from "./layout.ts";

export interface Limit {
  rule: string;
  reason: string;
  hint: string;
}

function subcommand(argv: readonly string[]): { sub: string | undefined; rest: string[] } {
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith("-")) i += argv[i] === "-c" || argv[i] === "-C" ? 2 : 1;
  return { sub: argv[i], rest: argv.slice(i + 1) };
}

const CONFIG_READS = ["--get", "--get-all", "--get-regexp", "--get-urlmatch", "--list", "-l", "--show-origin", "--show-scope", "--name-only"];
const STASH_READS = ["list", "show"];

export function sandboxGitLimit(argv: readonly string[], sessionId: string): Limit | undefined {
  const { sub, rest } = subcommand(argv);
  const namespace = `hs/${sessionId}/`;
  const shared = "the shared .git (config, packed-refs, refs outside refs/heads/" + namespace + ") is read-only inside the sandbox";
  if (sub === "push" && rest.some((arg) => arg === "-u" || arg === "--set-upstream")) {
    return { rule: "sandbox.push-set-upstream", reason: `push -u writes branch tracking into .git/config; ${shared}`, hint: `git push ${rest.filter((arg) => arg !== "-u" && arg !== "--set-upstream").join(" ")}   # ask the operator to set tracking: git branch --set-upstream-to` };
  }
  // Renaming, copying or deleting a branch locks packed-refs and rewrites the branch's config section, even
  // inside the namespace; creating one there works.
  if (sub === "branch" && rest.some((arg) => ["-m", "-M", "--move", "-c", "-C", "--copy", "-d", "-D", "--delete"].includes(arg))) {
    const names = rest.filter((arg) => !arg.startsWith("-"));
    const outside = names.find((name) => !name.startsWith(namespace));
    return {
      rule: outside && !rest.some((arg) => ["-d", "-D", "--delete"].includes(arg)) ? "sandbox.branch-outside-namespace" : "sandbox.branch-rewrite",
      reason: `renaming, copying or deleting branches rewrites packed-refs and .git/config${outside ? ` (and ${outside} is outside refs/heads/${namespace})` : ""}; ${shared}`,
      hint: `git branch ${namespace}topic   # any name under ${namespace} is yours; the operator can rename or delete it`,
    };
  }
  if (sub === "tag" && rest.some((arg) => !arg.startsWith("-")) && !rest.some((arg) => ["-l", "--list", "-v", "--verify", "--contains", "--points-at"].includes(arg))) {
    return { rule: "sandbox.tag", reason: `tags live in refs/tags/, outside refs/heads/${namespace}; ${shared}`, hint: `git branch ${namespace}release   # mark the commit with a branch of your own` };
  }
  if (sub === "config" && !rest.some((arg) => CONFIG_READS.includes(arg)) && rest.filter((arg) => !arg.startsWith("-")).length >= 2) {
    return { rule: "sandbox.config-write", reason: `git config would write .git/config; ${shared}`, hint: "pass settings per command instead: git -c key=value <command>" };
  }
  if (sub === "stash" && !STASH_READS.includes(rest[0] ?? "push")) {
    return { rule: "sandbox.stash", reason: `git stash writes refs/stash, which every worktree shares; ${shared}`, hint: `keep the work on a branch of your own: git switch -c ${namespace}wip && git commit -am wip` };
  }
  if (sub === "fetch" || sub === "pull") {
    return { rule: "sandbox.fetch", reason: `${sub} writes remote-tracking refs (refs/remotes/*); ${shared}`, hint: "git fetch   # the operator runs this in the main checkout; the session sees the result at once" };
  }
  return undefined;
}

export function limitText(limit: Limit): string {
  return `hs: deny [${limit.rule}] ${limit.reason}\n  next: ${limit.hint}\n  (socket ${INSIDE_SOCKET}; see README "sandbox limits")\n`;
}
