// The shim's slow path never loads yargs or zod: everything src/shim/entry.ts can reach (static and
// dynamic imports, the session host backend included) is listed by esbuild's metafile.
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/hs.ts";

describe("hs __gate imports", () => {
  it("reach neither yargs nor zod nor the CLI parser", async () => {
    const result = await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: [path.join("src", "shim", "entry.ts")],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      external: ["better-sqlite3", "node-pty"],
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("src/shim/policy/index.ts");
    expect(inputs.filter((file) => /node_modules\/(zod|yargs|yargs-parser)\/|src\/cli\/args\.ts|src\/registry\/config\.ts$/.test(file))).toEqual([]);
  });
});
