import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "./helpers.ts";
import { parseConfig, defaultConfig } from "../../src/registry/config.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const valid = () => defaultConfig("/r");

describe("workspace.json parsing (pure)", () => {
  it.each([
    ["unknown key", { ...valid(), surprise: true }, "(root): Unrecognized key"],
    ["wrong type", { ...valid(), spawn: { max_depth: "3", max_active_children: 4 } }, "spawn.max_depth:"],
    ["bad rule override", { ...valid(), command_rules: { "git.reset.hard": "allow" } }, "command_rules.git.reset.hard:"],
    ["escaping governance glob", { ...valid(), governance_paths: ["../x/**"] }, "governance_paths.0:"],
    ["missing field", (({ approvals, ...rest }) => rest)(valid()), "approvals:"],
    ["protected branch with a space", { ...valid(), protected_branches: ["main", "release 1"] }, "protected_branches.1:"],
    ["protected branch climbing out", { ...valid(), protected_branches: ["../main"] }, "protected_branches.0:"],
  ])("%s is reported as path: message", (_name, value, expected) => {
    const { config, errors } = parseConfig(JSON.stringify(value));
    expect(config).toBeUndefined();
    expect(errors.join("\n")).toContain(expected);
  });

  it("accepts the defaults and reports bad JSON", () => {
    expect(parseConfig(JSON.stringify(valid())).config).toBeDefined();
    expect(parseConfig("{nope").errors[0]).toContain("not valid JSON");
  });

  it("recognises a newer schema version instead of calling it invalid", () => {
    expect(parseConfig(JSON.stringify({ ...valid(), schema_version: "hs.workspace@2" })).future).toBe("hs.workspace@2");
  });
});

describe("an invalid workspace.json fails closed", () => {
  it("every command refuses with HS-CONFIG-INVALID, names the field, and leaves the file untouched", () => {
    repo = initRepo();
    const file = path.join(repo.root, ".handshake", "workspace.json");
    const broken = JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), spawn: { max_depth: -1, max_active_children: 4 } }, null, 2);
    fs.writeFileSync(file, broken);
    for (const args of [["session", "create", "--id", "s1", "--scope", "src/**"], ["session", "list"], ["init"]]) {
      const result = hs(args, { cwd: repo.root });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("HS-CONFIG-INVALID");
      expect(result.stderr).toContain("spawn.max_depth");
      expect(result.stderr).toContain("next:");
    }
    expect(fs.readFileSync(file, "utf8")).toBe(broken);
    expect(repo.git(["branch", "--list", "hs/*"]).stdout).toBe("");
  });

  it("a future schema version is left untouched with HS-CONFIG-FUTURE", () => {
    repo = initRepo();
    const file = path.join(repo.root, ".handshake", "workspace.json");
    const future = JSON.stringify({ schema_version: "hs.workspace@9", whatever: 1 });
    fs.writeFileSync(file, future);
    const result = hs(["init"], { cwd: repo.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("HS-CONFIG-FUTURE");
    expect(fs.readFileSync(file, "utf8")).toBe(future);
  });
});
