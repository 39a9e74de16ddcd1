// Previews on a real repository: what reset/clean/push --force/branch -D/stash clear/rm -rf could lose,
// bounded, and computed without changing anything.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computePreviews, PREVIEW_LIMIT } from "../../src/shim/preview.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { treeHash } from "./session-shell.ts";

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo();
  const remote = path.join(repo.dir, "remote.git");
  repo.git(["init", "-q", "--bare", remote]);
  repo.git(["remote", "add", "origin", remote]);
  repo.git(["push", "-q", "origin", "main"]);
  repo.git(["commit", "-q", "--allow-empty", "-m", "on remote only"]);
  repo.git(["push", "-q", "origin", "main"]);
  repo.git(["reset", "-q", "--hard", "HEAD~1"]);
  repo.git(["switch", "-q", "-c", "topic"]);
  repo.git(["commit", "-q", "--allow-empty", "-m", "topic only"]);
  repo.git(["switch", "-q", "main"]);
  repo.write(".gitignore", "dist/\n");
  repo.write("src/app.ts", "changed\n");
  repo.write("scratch.txt", "s\n");
  repo.write("dist/out.js", "o\n");
  for (let i = 0; i < PREVIEW_LIMIT + 5; i += 1) repo.write(`build/f${String(i).padStart(3, "0")}.o`, "x");
});
afterAll(() => repo.cleanup());

const texts = (tool: "git" | "rm", argv: string[]) => computePreviews(tool, argv, repo.root).map((p) => ({ title: p.title, texts: p.entries.map((e) => e.text), truncated: p.truncated }));

describe("previews", () => {
  it("reset --hard lists the tracked changes it would discard", () => {
    expect(texts("git", ["git", "reset", "--hard"])).toEqual([{ title: "uncommitted changes that would be discarded", texts: ["M src/app.ts"], truncated: false }]);
  });
  it("clean lists exactly what git clean would delete with the same flags", () => {
    expect(texts("git", ["git", "clean", "-f"])[0]?.texts).toEqual([".gitignore", "scratch.txt"]);
    expect(texts("git", ["git", "clean", "-fdx"])[0]?.texts).toEqual(expect.arrayContaining(["dist/", "build/", "scratch.txt"]));
  });
  it("a force push lists the remote commits it would drop", () => {
    expect(texts("git", ["git", "push", "--force", "origin", "main"])[0]?.texts.join("\n")).toMatch(/on remote only/);
    expect(texts("git", ["git", "push", "origin", "+main"])[0]?.texts.join("\n")).toMatch(/on remote only/);
  });
  it("branch -D lists the commits only that branch has", () => {
    expect(texts("git", ["git", "branch", "-D", "topic"])[0]?.texts.join("\n")).toMatch(/topic: [0-9a-f]+ topic only/);
  });
  it("branch -D still lists them while another session's branch names a commit only its private store holds", () => {
    const ref = path.join(repo.root, ".git", "refs", "heads", "hs", "other", "work");
    fs.mkdirSync(path.dirname(ref), { recursive: true });
    fs.writeFileSync(ref, `${"cd".repeat(20)}\n`);
    try {
      expect(texts("git", ["git", "branch", "-D", "topic"])[0]?.texts.join("\n")).toMatch(/topic: [0-9a-f]+ topic only/);
    } finally {
      fs.rmSync(ref);
    }
  });
  it("rm -rf walks what it would delete, bounded", () => {
    const [preview] = texts("rm", ["rm", "-rf", "build"]);
    expect(preview?.texts).toHaveLength(PREVIEW_LIMIT);
    expect(preview?.truncated).toBe(true);
  });
  it("changes nothing while looking", () => {
    const before = treeHash(repo.dir);
    for (const argv of [["git", "reset", "--hard"], ["git", "clean", "-ffdx"], ["git", "push", "-f"], ["git", "branch", "-D", "topic"], ["git", "stash", "clear"]]) computePreviews("git", argv, repo.root);
    computePreviews("rm", ["rm", "-rf", "build", "src"], repo.root);
    expect(treeHash(repo.dir)).toBe(before);
    expect(fs.existsSync(path.join(repo.root, "scratch.txt"))).toBe(true);
  });
});
