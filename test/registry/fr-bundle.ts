// Child processes cannot import .ts on Node 20, so tests bundle their TypeScript entry with esbuild first.
// The bundle lives under node_modules/.cache so that `better-sqlite3` (left external) resolves from it.
import path from "node:path";
import fs from "node:fs";
import { build } from "esbuild";
import { REPO_ROOT } from "../helpers/hs.ts";

export async function bundleScript(entry: string, name: string): Promise<string> {
  const outdir = path.join(REPO_ROOT, "node_modules", ".cache", "hs-test");
  fs.mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `${name}-${process.pid}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, format: "esm", platform: "node", target: "node20", external: ["better-sqlite3"], logLevel: "error" });
  return outfile;
}
