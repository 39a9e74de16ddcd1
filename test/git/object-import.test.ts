// Import by content on a real repository: ids are recomputed, forged names are dropped, links are not followed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { buildPack, importSessionObjects, parseLoose } from "../../src/git/object-import.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { execFileSync, spawnSync } from "node:child_process";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const loose = (type: string, content: string) => zlib.deflateSync(Buffer.from(`${type} ${Buffer.byteLength(content)}\0${content}`));
const idOf = (type: string, content: string) => crypto.createHash("sha1").update(`${type} ${Buffer.byteLength(content)}\0${content}`).digest("hex");

describe("parseLoose", () => {
  it("accepts an object whose content hashes to its name, and nothing else", () => {
    const id = idOf("blob", "hello\n");
    expect(parseLoose(loose("blob", "hello\n"), id, "sha1")?.content.toString()).toBe("hello\n");
    expect(parseLoose(loose("blob", "forged\n"), id, "sha1")).toBeNull();
    expect(parseLoose(zlib.deflateSync(Buffer.from("blob 99\0short")), idOf("blob", "short"), "sha1")).toBeNull();
    expect(parseLoose(Buffer.from("not zlib"), id, "sha1")).toBeNull();
  });
});

describe("importSessionObjects", () => {
  it("imports loose objects under recomputed ids, drops forgeries, follows no symlink, skips a FIFO", () => {
    repo = makeTempRepo({ commit: true });
    const common = path.join(repo.root, ".git");
    const store = path.join(common, "hs-objects", "x");
    const put = (id: string, bytes: Buffer) => {
      fs.mkdirSync(path.join(store, id.slice(0, 2)), { recursive: true });
      fs.writeFileSync(path.join(store, id.slice(0, 2), id.slice(2)), bytes);
    };
    const good = idOf("blob", "session work\n");
    put(good, loose("blob", "session work\n"));
    const claimed = idOf("blob", "the real thing\n");
    put(claimed, loose("blob", "a forgery\n"));
    const outside = path.join(repo.dir, "outside");
    fs.mkdirSync(outside);
    const secret = idOf("blob", "outside secret\n");
    fs.mkdirSync(path.join(outside, secret.slice(0, 2)));
    fs.writeFileSync(path.join(outside, secret.slice(0, 2), secret.slice(2)), loose("blob", "outside secret\n"));
    fs.symlinkSync(path.join(outside, secret.slice(0, 2)), path.join(store, secret.slice(0, 2)));
    fs.mkdirSync(path.join(store, "ee"), { recursive: true });
    execFileSync("mkfifo", [path.join(store, "ee", "e".repeat(38))]);

    const result = importSessionObjects(common, "x");
    expect(result).toMatchObject({ loose: 1, rejected: 2, unchanged: false });
    expect(repo.git(["cat-file", "-p", good]).stdout).toBe("session work\n");
    expect(repo.git(["cat-file", "-e", claimed], { allowFail: true }).code).not.toBe(0);
    expect(repo.git(["cat-file", "-e", secret], { allowFail: true }).code).not.toBe(0);
    expect(importSessionObjects(common, "x").unchanged).toBe(true);
    expect(repo.git(["fsck", "--strict", "--no-dangling"]).code).toBe(0);
  });

  it("buildPack output is accepted by git index-pack", () => {
    repo = makeTempRepo({ commit: true });
    const pack = buildPack([{ type: "blob", content: Buffer.from("x\n") }], "sha1");
    const result = spawnSync("git", ["index-pack", "--stdin", "--fsck-objects"], { cwd: repo.root, env: cleanEnv(), input: pack });
    expect(result.status, result.stderr.toString()).toBe(0);
  });
});
