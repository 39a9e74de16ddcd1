// A file staged and then edited again (the everyday `git add f; vim f`): its staged blob is one this host
// hashed for an earlier snapshot, so the checkpoint's index tree takes it without a `git cat-file` per gated
// command — and still takes exactly the staged content, which the index tree must hold byte for byte.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";

const asked = vi.hoisted(() => ({ oids: [] as string[] }));
vi.mock("../../src/checkpoints/refs.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/checkpoints/refs.ts")>();
  return {
    ...original,
    missingObjects: (store: string, oids: string[]) => {
      asked.oids.push(...oids);
      return original.missingObjects(store, oids);
    },
  };
});

const { writeCheckpoint } = await import("../../src/checkpoints/snapshot.ts");
const { checkpointStore } = await import("../../src/checkpoints/store.ts");
const { flushStatCaches } = await import("../../src/checkpoints/stat-cache.ts");

let repo: TempRepo;
beforeEach(() => {
  repo = makeTempRepo();
  repo.write("src/a.ts", "one\n");
  repo.write("src/b.ts", "b\n");
  repo.git(["add", "-A"]);
  repo.git(["commit", "-qm", "base"]);
  asked.oids.length = 0;
});
afterEach(() => {
  flushStatCaches();
  repo.cleanup();
});

function target() {
  const gitDir = path.join(repo.root, ".git");
  return { sessionId: "s1", worktree: repo.root, gitDir, commonDir: gitDir, store: checkpointStore(path.join(repo.dir, "hs"), gitDir), privateObjects: null, stateDir: path.join(repo.dir, "hs", "state") };
}

describe("checkpoint of a file staged, then edited again", () => {
  it("keeps the staged content in the index tree and asks git about no blob it hashed itself", () => {
    const t = target();
    repo.write("src/a.ts", "two\n");
    expect(writeCheckpoint(t, "edit", null)).not.toBeNull();
    asked.oids.length = 0; // the first one asked about the committed "one\n", which it never hashed
    repo.git(["add", "src/a.ts"]); // stages "two\n", which the checkpoint above hashed
    repo.write("src/a.ts", "three\n");
    const meta = writeCheckpoint(t, "git add", null);
    expect(meta).not.toBeNull();
    expect(asked.oids).toEqual([]);
    const store = ["--git-dir", t.store];
    expect(repo.git([...store, "show", `${meta!.index_tree}:src/a.ts`]).stdout).toBe("two\n");
    expect(repo.git([...store, "show", `${meta!.tree}:src/a.ts`]).stdout).toBe("three\n");
  });

  it("asks git about a staged blob it never hashed, and takes it once the shared store has it", () => {
    const t = target();
    expect(writeCheckpoint(t, "first", null)).not.toBeNull();
    // Staged from outside any snapshot: "hidden\n" was never in the worktree when the host looked.
    const oid = repo.git(["hash-object", "-w", "--stdin"], { input: "hidden\n" }).stdout.trim();
    repo.git(["update-index", "--add", "--cacheinfo", `100644,${oid},src/c.ts`]);
    const meta = writeCheckpoint(t, "plumbing", null);
    expect(asked.oids).toContain(oid);
    expect(meta).not.toBeNull();
    expect(repo.git(["--git-dir", t.store, "show", `${meta!.index_tree}:src/c.ts`]).stdout).toBe("hidden\n");
  });
});
