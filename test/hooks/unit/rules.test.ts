import { describe, expect, it } from "vitest";
import { resolveActor, type HookActor } from "../../../src/hooks/actor.ts";
import { parseLog } from "../../../src/hooks/git-reads.ts";
import type { LockMarker, SessionMarker } from "../../../src/hooks/markers.ts";
import { classifyRef, pathRule } from "../../../src/hooks/rules.ts";
import { parsePushUpdates } from "../../../src/hooks/pre-push.ts";
import { parseRefUpdates } from "../../../src/hooks/reference-transaction.ts";
import { pushHint, refHint } from "../../../src/hooks/hints.ts";

const marker: SessionMarker = {
  schema: "hs.session-marker@1",
  session_id: "s1",
  workspace_id: "w",
  handshake_dir: "/r/.handshake",
  worktree: "/r.hs/s1",
  branch: "hs/s1/work",
  ref_namespace: "refs/heads/hs/s1/",
  scope: ["src/**"],
  governance: [".GOV/**", "src/gov/**"],
  target_branch: "main",
};
const locks: LockMarker = {
  schema: "hs.lock-sessions@1",
  worktree: "/r",
  governance: [".GOV/**"],
  sessions: [
    { session_id: "l1", scope: ["src/**"], locks: [{ lock_id: "k1", glob: "src/**" }] },
    { session_id: "l2", scope: ["docs/**"], locks: [{ lock_id: "k2", glob: "docs/**" }] },
  ],
};

const session = resolveActor({ session: marker });
const lockL2 = resolveActor({ locks, envSessionId: "l2" });
const operator = resolveActor({ locks });
const stray = resolveActor({ envSessionId: "ghost" });

describe("resolveActor", () => {
  it.each<[string, HookActor, Partial<HookActor>]>([
    ["worktree marker", session, { kind: "session", mode: "worktree", sessionId: "s1", namespace: "refs/heads/hs/s1/" }],
    ["marker wins over a different HS_SESSION_ID", resolveActor({ session: marker, envSessionId: "other" }), { kind: "session", sessionId: "s1" }],
    ["lock session", lockL2, { kind: "session", mode: "lock", sessionId: "l2", scope: ["docs/**"] }],
    ["operator in a lock worktree", operator, { kind: "operator" }],
    ["unknown HS_SESSION_ID", stray, { kind: "session", mode: "unknown", scope: [] }],
    ["nothing", resolveActor({}), { kind: "none" }],
  ])("%s", (_name, actor, expected) => expect(actor).toMatchObject(expected));
});

describe("pathRule", () => {
  it.each<[string, HookActor, string, string | undefined]>([
    ["in scope", session, "src/a.ts", undefined],
    ["dotfile in scope", session, "src/.env", undefined],
    ["out of scope", session, "docs/a.md", "HS-SCOPE-OUT"],
    ["governance wins inside scope", session, "src/gov/x.md", "HS-GOVERNANCE-PATH"],
    ["governance outside scope", session, ".GOV/charter.md", "HS-GOVERNANCE-PATH"],
    ["lock of another session", lockL2, "src/a.ts", "CX-MM-002"],
    ["own lock", lockL2, "docs/a.md", undefined],
    ["lock session outside its scope", lockL2, "README.md", "HS-SCOPE-OUT"],
    ["operator on a locked path", operator, "docs/a.md", "CX-MM-002"],
    ["operator elsewhere", operator, "README.md", undefined],
    ["unknown session: nothing in scope", stray, "src/a.ts", "HS-SCOPE-OUT"],
  ])("%s: %s %s", (_name, actor, path, code) => expect(pathRule(actor)(path)?.code).toBe(code));
});

describe("classifyRef", () => {
  it.each<[HookActor, string, string | undefined, string]>([
    [session, "HEAD", undefined, "pseudo"],
    [session, "CHERRY_PICK_HEAD", undefined, "pseudo"],
    [session, "refs/rewritten/onto", undefined, "pseudo"],
    [session, "refs/heads/hs/s1/work", undefined, "own"],
    [session, "refs/heads/hs/s1x/work", undefined, "foreign"],
    [session, "refs/heads/hs/s2/work", undefined, "foreign"],
    [session, "refs/remotes/origin/hs/s1/work", undefined, "own"],
    [session, "refs/remotes/origin/main", undefined, "foreign"],
    [session, "refs/heads/main", undefined, "foreign"],
    [session, "refs/tags/v1", undefined, "foreign"],
    [session, "refs/stash", undefined, "foreign"],
    [session, "main-worktree/HEAD", undefined, "foreign"],
    [lockL2, "refs/heads/main", "refs/heads/main", "own"],
    [lockL2, "refs/heads/side", "refs/heads/main", "foreign"],
    [operator, "refs/heads/main", "refs/heads/main", "own"],
    [operator, "refs/remotes/origin/main", "refs/heads/main", "free"],
  ])("%#: %s", (actor, ref, branch, expected) => expect(classifyRef(ref, actor, branch)).toBe(expected));
});

describe("parsers", () => {
  it("git log -z --name-status -c: commits, statuses, and paths that look like commit markers", () => {
    const out = "\x01aaa\0\nA\0x\0\x01bbb\0\0\x01ccc\0\nMM\0both\0D\0\x01evil\0";
    expect(parseLog(out)).toEqual([
      { commit: "aaa", paths: ["x"] },
      { commit: "bbb", paths: [] },
      { commit: "ccc", paths: ["both", "\x01evil"] },
    ]);
  });

  it("reference-transaction and pre-push stdin", () => {
    expect(parseRefUpdates("0 1 HEAD\n0 1 refs/heads/x\n")).toEqual([
      { old: "0", new: "1", ref: "HEAD" },
      { old: "0", new: "1", ref: "refs/heads/x" },
    ]);
    expect(parsePushUpdates("refs/heads/a 1 refs/heads/b 0\n")).toEqual([{ localRef: "refs/heads/a", localOid: "1", remoteRef: "refs/heads/b", remoteOid: "0" }]);
  });
});

describe("hints", () => {
  it.each([
    ["refs/heads/main", "git switch -c hs/s1/main   # the operator hands work back with: hs merge-back s1"],
    ["refs/heads/feature/x", "git switch -c hs/s1/x   # the operator hands work back with: hs merge-back s1"],
    ["refs/stash", "git switch -c hs/s1/wip && git commit -a -m wip   # refs/stash is shared by every worktree"],
    ["refs/tags/v1", "hs merge-back s1   # run by the operator; tags are made on the merged result"],
    ["refs/notes/commits", "hs merge-back s1   # run by the operator; sessions move only refs under refs/heads/hs/s1/"],
  ])("refHint %s", (ref, hint) => expect(refHint(ref, "s1")).toBe(hint));
  it.each([
    ["HEAD", "git push origin HEAD:refs/heads/hs/s1/work"],
    ["refs/heads/topic", "git push origin topic:refs/heads/hs/s1/topic"],
  ])("pushHint %s", (local, hint) => expect(pushHint("origin", local, "s1")).toBe(hint));
});
