import { describe, expect, it } from "vitest";
import { planInstall, sha256, type InstallInputs } from "../../../src/install/plan.ts";
import { chainFallback, FINGERPRINT, isHsManaged, LIB_NAME, renderHook, shellQuote, type Templates } from "../../../src/install/render.ts";
import { GIT_HOOK_NAMES } from "../../../src/install/hook-names.ts";
import type { SessionRecord } from "../../../src/registry/sessions.ts";
import { registryDrift } from "../../../src/install/doctor/drift.ts";
import { parseWorktreeList } from "../../../src/install/doctor/worktrees.ts";

const templates: Templates = {
  chain: "#!/bin/sh\n@FINGERPRINT@\nchain @CHAIN@/@HOOK@\n@CHAIN_FALLBACK@\n",
  check: "#!/bin/sh\n@FINGERPRINT@\ncheck @NODE@ @ENTRY@ @HOOK@\n",
  "pre-commit": "#!/bin/sh\n@FINGERPRINT@\npc @LIB@ @HOOK@\n",
  "reference-transaction": "#!/bin/sh\n@FINGERPRINT@\nrt @HOOK@\n",
  lib: "@FINGERPRINT@\nlib\n",
};

function inputs(over: Partial<InstallInputs> = {}): InstallInputs {
  return {
    commonDir: "/r/.git",
    mainRoot: "/r",
    hooksDir: "/r/.git/hs/hooks",
    localHooksPath: null,
    effectiveHooksPath: null,
    record: undefined,
    existing: {},
    chainNames: () => new Set(),
    chainKind: () => "git-hooks",
    templates,
    node: "/usr/bin/node",
    entry: ["/hs/dist/hs.js", "__hook"],
    now: "t1",
    version: "0.1.0",
    ...over,
  };
}

describe("chainFallback: a relative chain dir missing in a linked worktree is found in the main checkout", () => {
  it.each([
    [".husky/_", "pre-commit", `[ -e "$c" ] || c='/r/.husky/_'/pre-commit`],
    ["hooks dir's", "pre-push", `[ -e "$c" ] || c='/r/hooks dir'\\''s'/pre-push`],
    ["/abs/hooks", "pre-commit", ""],
  ])("%s (%s)", (chainDir, hook, line) => {
    expect(chainFallback({ chainDir, hook, mainRoot: "/r" })).toBe(line);
  });
});

describe("renderHook", () => {
  it("quotes every baked path for sh and marks the file as hs's", () => {
    const text = renderHook(templates, { hook: "pre-push", chainDir: "/it's here", node: "/usr/bin/node", entry: ["/hs/dist/hs.js", "__hook"], hooksDir: "/h", mainRoot: "/r" });
    expect(text).toBe(`#!/bin/sh\n${FINGERPRINT}\ncheck '/usr/bin/node' '/hs/dist/hs.js' '__hook' pre-push\n`);
    expect(renderHook(templates, { hook: "post-merge", chainDir: "/it's here", node: "n", entry: ["e"], hooksDir: "/h", mainRoot: "/r" })).toContain(`chain '/it'\\''s here'/post-merge`);
    expect(isHsManaged(text)).toBe(true);
    expect(isHsManaged("#!/bin/sh\nexit 0\n")).toBe(false);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe("planInstall", () => {
  it("fresh repository: every hook name but push-to-checkout, plus the sh library; chain .git/hooks; set core.hooksPath", () => {
    const plan = planInstall(inputs());
    expect(plan.writes.map((w) => w.name).sort()).toEqual([...GIT_HOOK_NAMES.filter((n) => n !== "push-to-checkout"), LIB_NAME].sort());
    expect(plan.record).toMatchObject({ previous_hooks_path: null, chain_dir: "/r/.git/hooks", installed_at: "t1" });
    expect(plan.setHooksPath).toBe(true);
  });

  it("push-to-checkout is installed only when the previous setup had one", () => {
    const plan = planInstall(inputs({ chainNames: () => new Set(["push-to-checkout"]) }));
    expect(plan.writes.map((w) => w.name)).toContain("push-to-checkout");
  });

  it("husky's relative core.hooksPath is chained as is and restored as is", () => {
    const plan = planInstall(inputs({ localHooksPath: ".husky/_", effectiveHooksPath: ".husky/_" }));
    expect(plan.record).toMatchObject({ previous_hooks_path: ".husky/_", chain_dir: ".husky/_" });
    expect(plan.writes.find((w) => w.name === "post-merge")?.content).toContain("chain '.husky/_'/post-merge");
  });

  it("a second run with everything in place changes nothing and keeps the install time", () => {
    const first = planInstall(inputs());
    const existing = Object.fromEntries(first.writes.map((w) => [w.name, w.content]));
    const second = planInstall(inputs({ localHooksPath: "/r/.git/hs/hooks", effectiveHooksPath: "/r/.git/hs/hooks", record: first.record, existing, now: "t2" }));
    expect(second).toMatchObject({ writes: [], removes: [], foreign: [], setHooksPath: false, recordChanged: false });
    expect(second.record.installed_at).toBe("t1");
  });

  it("re-running while hs is active keeps the original previous value", () => {
    const first = planInstall(inputs({ localHooksPath: "custom", effectiveHooksPath: "custom" }));
    const second = planInstall(inputs({ localHooksPath: "/r/.git/hs/hooks", effectiveHooksPath: "/r/.git/hs/hooks", record: first.record }));
    expect(second.record).toMatchObject({ previous_hooks_path: "custom", chain_dir: "custom" });
  });

  it("a file hs did not write is never overwritten; an hs file no longer wanted is removed", () => {
    const plan = planInstall(inputs({ existing: { "pre-commit": "#!/bin/sh\nmine\n", "push-to-checkout": `#!/bin/sh\n${FINGERPRINT}\n`, notes: "keep" } }));
    expect(plan.foreign).toEqual(["pre-commit"]);
    expect(plan.removes).toEqual(["push-to-checkout"]);
    expect(plan.writes.map((w) => w.name)).not.toContain("pre-commit");
  });

  it("records the sha256 of every file it writes", () => {
    const plan = planInstall(inputs());
    for (const write of plan.writes) expect(plan.record.files[write.name]).toBe(sha256(write.content));
  });
});

describe("doctor: registry drift (pure)", () => {
  const base = { isolation: "worktree", state: "active", branch: "hs/s1/work" } as const;
  const sessions = [{ ...base, id: "s1", worktree: "/w/s1" }, { ...base, id: "s2", worktree: "/w/s2", state: "cancelled" }] as unknown as SessionRecord[];
  it.each([
    ["healthy", [{ path: "/w/s1", branch: "refs/heads/hs/s1/work", prunable: false }], []],
    ["session worktree gone", [], ["REGISTRY-WORKTREE-MISSING"]],
    ["prunable counts as gone", [{ path: "/w/s1", branch: "refs/heads/hs/s1/work", prunable: true }], ["REGISTRY-WORKTREE-MISSING"]],
    ["unknown hs worktree", [{ path: "/w/s1", branch: "refs/heads/hs/s1/work", prunable: false }, { path: "/x", branch: "refs/heads/hs/zz/work", prunable: false }], ["WORKTREE-UNKNOWN"]],
    ["a cancelled session's worktree is known, not unknown", [{ path: "/w/s1", branch: null, prunable: false }, { path: "/w/s2", branch: "refs/heads/hs/s2/work", prunable: false }], []],
  ])("%s", (_name, trees, codes) => {
    expect(registryDrift(sessions, trees, () => true).map((f) => f.code)).toEqual(codes);
  });

  it("parses git worktree list --porcelain", () => {
    const out = "worktree /r\nHEAD abc\nbranch refs/heads/main\n\nworktree /w/s1\nHEAD def\nbranch refs/heads/hs/s1/work\nprunable gitdir file points to non-existent location\n\nworktree /d\nHEAD 123\ndetached\n\n";
    expect(parseWorktreeList(out)).toEqual([
      { path: "/r", branch: "refs/heads/main", prunable: false },
      { path: "/w/s1", branch: "refs/heads/hs/s1/work", prunable: true },
      { path: "/d", branch: null, prunable: false },
    ]);
  });
});
