// The checkpoint's file list without git: the index read in-process must match `git ls-files --stage`, and the
// reused listing must always equal what git lists — after edits, new files, new and empty folders, index
// changes, ignore-rule changes — while git is really spared when no folder changed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { parseIndex } from "../../src/checkpoints/index-file.ts";
import { listWorking } from "../../src/checkpoints/listing.ts";
import { workingListing } from "../../src/checkpoints/listing-reuse.ts";

function lsStage(repo: TempRepo): { paths: string[]; staged: { mode: string; oid: string; path: string }[] } {
  const records = repo.git(["ls-files", "-z", "--stage"]).stdout.split("\0").filter(Boolean);
  const paths: string[] = [];
  const staged = [];
  for (const record of records) {
    const [meta = "", file = ""] = record.split("\t");
    const [mode = "", oid = "", stage] = meta.split(" ");
    paths.push(file);
    if (stage === "0") staged.push({ mode, oid, path: file });
  }
  return { paths, staged };
}

function readIndex(repo: TempRepo) {
  return parseIndex(fs.readFileSync(path.join(repo.root, ".git", "index")));
}

describe("parseIndex", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
    repo.write("bin/run.sh", "#!/bin/sh\n");
    fs.chmodSync(path.join(repo.root, "bin/run.sh"), 0o755);
    fs.symlinkSync("README.md", path.join(repo.root, "link"));
    repo.write("dir/ünïcode name.txt", "x\n");
    repo.git(["add", "-A"]);
  });
  afterEach(() => repo.cleanup());

  it("reads a version 2 index as git lists it (modes, symlinks, non-ASCII names)", () => {
    expect(readIndex(repo)).toEqual(lsStage(repo));
  });

  it("reads version 3 (intent-to-add sets the extended flags) and version 4 (prefix-compressed names)", () => {
    repo.write("later.ts", "soon\n");
    repo.git(["add", "-N", "later.ts"]);
    expect(readIndex(repo)).toEqual(lsStage(repo));
    repo.git(["update-index", "--index-version", "4"]);
    expect(fs.readFileSync(path.join(repo.root, ".git", "index")).readUInt32BE(4)).toBe(4);
    expect(readIndex(repo)).toEqual(lsStage(repo));
  });

  it("lists every stage of a conflict and keeps only stage 0 as staged", () => {
    repo.git(["commit", "-qm", "base"]);
    repo.git(["checkout", "-qb", "other"]);
    repo.write("README.md", "other\n");
    repo.git(["commit", "-qam", "other"]);
    repo.git(["checkout", "-q", "main"]);
    repo.write("README.md", "main\n");
    repo.git(["commit", "-qam", "main"]);
    expect(repo.git(["merge", "other"], { allowFail: true }).code).not.toBe(0);
    const parsed = readIndex(repo);
    expect(parsed).toEqual(lsStage(repo));
    expect(parsed!.paths.filter((file) => file === "README.md")).toHaveLength(3);
  });

  it("leaves a split index, a bad checksum or another format to git (undefined)", () => {
    const good = fs.readFileSync(path.join(repo.root, ".git", "index"));
    const bad = Buffer.from(good);
    bad[20] = (bad[20] ?? 0) ^ 0xff;
    expect(parseIndex(bad)).toBeUndefined();
    expect(parseIndex(Buffer.from("not an index at all, really not"))).toBeUndefined();
    repo.git(["update-index", "--split-index"]);
    expect(readIndex(repo)).toBeUndefined();
  });
});

describe("workingListing", () => {
  let repo: TempRepo;
  let state: string;
  const dir = () => ({ id: "t", worktree: repo.root, gitDir: path.join(repo.root, ".git"), commonDir: path.join(repo.root, ".git") });
  // File times tick coarsely, so entries changed within 1.5 s are never trusted (racy). The clock is moved on
  // before each listing so that the fast path can be exercised; each change waits a few ms so its times differ.
  const list = () => {
    vi.setSystemTime(performance.timeOrigin + performance.now() + 3000);
    const got = workingListing(dir(), state);
    const truth = listWorking(dir());
    expect({ paths: got.paths, staged: got.staged }).toEqual({ paths: truth.paths, staged: truth.staged });
    return got;
  };
  const settle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    repo = makeTempRepo();
    state = fs.mkdtempSync(path.join(os.tmpdir(), "hs-listing-state-"));
    repo.write(".gitignore", "node_modules/\n");
    repo.write("node_modules/pkg/index.js", "ignored\n");
    repo.write("src/untracked.ts", "u\n");
    settle();
  });
  afterEach(() => {
    vi.useRealTimers();
    repo.cleanup();
    fs.rmSync(state, { recursive: true, force: true });
  });

  it("spares git while no folder changed, and always lists what git lists", () => {
    // The first listing of a process asks git nothing more (a one-shot CLI never lists twice); the second asks
    // git which unlisted folders are ignored (node_modules); from then on git is spared.
    expect(list().reused).toBe(false);
    expect(list().reused).toBe(false);
    expect(list().reused).toBe(true);
    fs.appendFileSync(path.join(repo.root, "src/app.ts"), "// edited\n");
    expect(list().reused).toBe(true);
    settle();
    repo.write("src/new.ts", "new\n");
    expect(list().reused).toBe(false);
    expect(list().paths).toContain("src/new.ts");
    settle();
    repo.git(["add", "src/new.ts"]);
    const added = list();
    expect(added.reused).toBe(true);
    expect(added.staged.map((entry) => entry.path)).toContain("src/new.ts");
    settle();
    repo.write("node_modules/pkg/more.js", "still ignored\n");
    repo.write("node_modules/other/x.js", "ignored too\n");
    expect(list().reused).toBe(true);
  });

  it("asks git again when the index drops a path, an ignore rule changes, or a new folder appears", () => {
    list();
    settle();
    repo.git(["rm", "-q", "--cached", "docs/guide.md"]);
    const dropped = list();
    expect(dropped.reused).toBe(false);
    expect(dropped.paths).toContain("docs/guide.md");
    settle();
    fs.appendFileSync(path.join(repo.root, ".gitignore"), "*.md\n");
    expect(list().reused).toBe(false);
    settle();
    fs.mkdirSync(path.join(repo.root, "src", "empty"));
    expect(list().reused).toBe(false);
    expect(list().reused).toBe(true);
    settle();
    repo.write("src/empty/inside.ts", "found\n");
    const inside = list();
    expect(inside.reused).toBe(false);
    expect(inside.paths).toContain("src/empty/inside.ts");
  });

  it("never reuses a listing with a folder git looks into that holds only folders of unlisted files", () => {
    repo.write("gen/deep/a.log", "log\n");
    fs.appendFileSync(path.join(repo.root, ".gitignore"), "*.log\n");
    settle();
    list();
    expect(list().reused).toBe(false);
    settle();
    repo.write("gen/deep/b.ts", "visible\n");
    expect(list().paths).toContain("gen/deep/b.ts");
  });
});
