// The README's API table names every route the server has, and no route it does not have.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../src/server/routes/index.ts";
import { REPO_ROOT } from "../helpers/hs.ts";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("README API table", () => {
  it.each(ROUTES.map((r) => `${r.method} ${r.path}`))("documents %s", (route) => expect(readme).toContain(`| \`${route}\` |`));
  it("documents no route that does not exist", () => {
    const documented = [...readme.matchAll(/^\| `((?:GET|POST) \/api\/v1[^`]*)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });
});
