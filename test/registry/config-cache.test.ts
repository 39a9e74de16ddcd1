// A validated workspace.json is remembered only for its exact bytes and build: an edit, a forged cache entry or
// another build falls back to full validation, so an invalid file still fails closed on every hot path.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configCacheFile, rememberConfig, rememberedConfig } from "../../src/registry/config-cache.ts";
import { defaultConfig } from "../../src/registry/config.ts";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "../sessions/helpers.ts";

let repo: TempRepo | undefined;
let dir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("remembered workspace config (pure file round trip)", () => {
  it("answers only for the same bytes and the same build, and never without a build id", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-cfgcache-"));
    const config = defaultConfig("/r");
    const text = JSON.stringify(config);
    rememberConfig(dir, text, config, "build-a");
    expect(rememberedConfig(dir, text, "build-a")).toEqual(config);
    expect(rememberedConfig(dir, text + " ", "build-a")).toBeNull();
    expect(rememberedConfig(dir, text, "build-b")).toBeNull();
    expect(rememberedConfig(dir, text, null)).toBeNull();
    rememberConfig(dir, text, config, null);
    fs.writeFileSync(configCacheFile(dir), JSON.stringify({ key: "forged", config: { ...config, sandbox: { required: false, home_hidden: [] } } }));
    expect(rememberedConfig(dir, text, "build-a")).toBeNull();
  });
});

describe("the hot paths still refuse an invalid workspace.json", () => {
  it("merge-back and session run validate again after an edit, whatever the cache holds", () => {
    repo = initRepo();
    const file = path.join(repo.root, ".handshake", "workspace.json");
    expect(hs(["session", "create", "--id", "s1", "--scope", "src/**"], { cwd: repo.root }).code).toBe(0);
    expect(fs.existsSync(configCacheFile(path.join(repo.root, ".handshake")))).toBe(true);
    const good = fs.readFileSync(file, "utf8");
    const broken = JSON.stringify({ ...JSON.parse(good), spawn: { max_depth: -1, max_active_children: 4 } }, null, 2);
    fs.writeFileSync(file, broken);
    for (const args of [["merge-back", "s1", "--json"], ["session", "run", "s1", "--", "true"]]) {
      const result = hs(args, { cwd: repo.root });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("HS-CONFIG-INVALID");
      expect(result.stderr).toContain("spawn.max_depth");
    }
    expect(fs.readFileSync(file, "utf8")).toBe(broken);
  });
});
