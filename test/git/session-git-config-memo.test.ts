// Host-side git against a session directory overrides every command-running config key it finds. The key
// names are remembered while the config files are unchanged (one `git config --list` less per call), and a key
// the session adds later is still found: a filter written after the answer was remembered never runs.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";

const calls = vi.hoisted(() => ({ configLists: 0 }));
vi.mock("../../src/git/run.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/git/run.ts")>();
  return {
    ...original,
    runGitSync: (request: Parameters<typeof original.runGitSync>[0]) => {
      if (request.args.includes("config") && request.args.includes("--list")) calls.configLists += 1;
      return original.runGitSync(request);
    },
  };
});

const { sessionGit } = await import("../../src/git/index.ts");

let repo: TempRepo;
// A config file written in the last 1.5 s is never remembered (ctime cannot be set back): wait that out.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1600));

beforeEach(() => {
  repo = makeTempRepo();
  repo.write("a.txt", "hello\n");
  repo.git(["add", "-A"]);
  repo.git(["commit", "-qm", "base"]);
  calls.configLists = 0;
});
afterEach(() => repo.cleanup());

function runner() {
  const gitDir = path.join(repo.root, ".git");
  return sessionGit({ id: "s1", worktree: repo.root, gitDir, commonDir: gitDir, lockMode: true });
}

describe("sessionGit's config names, remembered", () => {
  it("reads config once while the files are unchanged", async () => {
    await settle();
    const git = runner();
    git.ok(["status", "--porcelain"]);
    git.ok(["status", "--porcelain"]);
    runner().ok(["status", "--porcelain"]);
    expect(calls.configLists).toBe(1);
  });

  it("a filter added after the answer was remembered is still overridden (it never runs)", async () => {
    await settle();
    const git = runner();
    git.ok(["status", "--porcelain"]);
    const marker = path.join(repo.dir, "filter-ran");
    repo.write(".gitattributes", "*.txt filter=evil\n");
    repo.git(["config", "filter.evil.clean", `sh -c 'touch ${marker}; cat'`]);
    repo.write("a.txt", "changed\n");
    git.ok(["status", "--porcelain"]);
    git.ok(["diff", "--stat"]);
    await settle();
    git.ok(["status", "--porcelain"]);
    git.ok(["diff", "--stat"]);
    expect(fs.existsSync(marker)).toBe(false);
    // control: plain git does run it, so the test would see a filter that slipped through
    repo.git(["status", "--porcelain"]);
    repo.git(["diff", "--stat"]);
    expect(fs.existsSync(marker)).toBe(true);
  });

  it("an include in config is never remembered (its target can change unseen)", async () => {
    repo.git(["config", "include.path", path.join(repo.dir, "extra.cfg")]);
    await settle();
    const git = runner();
    git.ok(["status", "--porcelain"]);
    git.ok(["status", "--porcelain"]);
    expect(calls.configLists).toBe(2);
  });
});
