// The README is the front door: its tables must say what the code does.
import fs from "node:fs";
import path from "node:path";
import { visibleGroups } from "../../src/cli/catalog.ts";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, EXIT } from "../../src/errors.ts";
import { EVENT_TYPES } from "../../src/registry/event-types.ts";
import { RULES } from "../../src/shim/policy/index.ts";
import { REPO_ROOT } from "../helpers/hs.ts";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("README", () => {
  it.each(Object.entries(ERROR_CODES))("documents error code %s with its exit code", (code, info) => {
    expect(readme).toContain(`| \`${code}\` | ${info.exit} |`);
  });

  it.each(Object.entries(EXIT))("documents exit code %s (%d)", (_name, code) => {
    expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, "m"));
  });

  it.each(RULES.map((rule) => [rule.id, rule.decision]))("lists gate rule %s as %s", (id, decision) => {
    expect(readme).toContain(`| \`${id}\` | ${decision} |`);
  });

  it.each([...EVENT_TYPES])("lists Flight Recorder event type %s", (type) => {
    expect(readme).toContain(`\`${type}\``);
  });

  it("documents every top-level command", () => {
    const groups = visibleGroups();
    expect(groups.length).toBeGreaterThan(10);
    for (const [group, spec] of groups) {
      expect(readme, group).toContain(`\`hs ${group}`);
      for (const sub of Object.keys(spec.subcommands ?? {})) expect(readme, `${group} ${sub}`).toMatch(new RegExp(`hs ${group} (?:[a-z-]+\\\\\\|)*${sub}\\b`));
    }
  });
});
