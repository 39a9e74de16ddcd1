// Bundles src/ into dist/ with esbuild: one entry, lazily split command chunks, native modules left external.
// A lazily imported module that does not exist fails the build: no stub turns a missing module into success.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Names this exact source: caches of validated input (src/registry/config-cache.ts) are valid for one build only.
const buildId = (() => {
  const hash = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
  };
  walk(path.join(root, "src"));
  hash.update(fs.readFileSync(path.join(root, "package.json")));
  return hash.digest("hex").slice(0, 32);
})();
const result = await build({
  absWorkingDir: root,
  metafile: true,
  entryPoints: { hs: "src/cli/main.ts", "hs-hook": "src/hooks/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  external: ["better-sqlite3", "node-pty"],
  define: { __HS_BUILD_ID__: JSON.stringify(buildId) },
  banner: { js: "import { createRequire as __hsCreateRequire } from 'node:module'; const require = __hsCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
// Chunk names carry content hashes; drop outputs no build has produced for an hour (a running hs may
// still lazily load a chunk of the build it started with, so fresh leftovers stay).
const produced = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
for (const name of fs.readdirSync(path.join(root, "dist"))) {
  const file = path.join(root, "dist", name);
  if (!produced.has(file) && /\.js(\.map)?$/.test(name) && Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file);
}

// --- the C programs: tried with each flag set in turn; without a C compiler hs falls back to slower paths.
function compileC(source, target, flagSets, fallback, { removeStale = false } = {}) {
  const cc = process.env.CC || "cc";
  let failure = "";
  for (const flags of flagSets) {
    const result = spawnSync(cc, [...flags, "-o", `${target}.tmp`, source], { encoding: "utf8" });
    if (result.status === 0) {
      fs.renameSync(`${target}.tmp`, target);
      return;
    }
    failure = result.error?.message ?? result.stderr;
  }
  fs.rmSync(`${target}.tmp`, { force: true });
  if (removeStale) fs.rmSync(target, { force: true });
  console.warn(`build: ${cc} could not compile ${path.relative(root, source)}; ${fallback} ${failure}`);
}

// Session host (issue 4): the in-sandbox gate client is a few hundred bytes of C so a gated git call
// costs a socket round trip, not a Node start-up. Without a C compiler the host falls back to a Node client.
compileC(path.join(root, "src", "sandbox", "gate-client.c"), path.join(root, "dist", "hs-gate-client"), [["-O2", "-Wall"]], "the session host will use the Node gate client (slower).");

// The shim front end (issue 15): a session's bin/git and bin/rm, which take the fast path without starting
// sh. On x86-64 without the C library (its start-up alone costs more than the 1 ms budget on a VM), else
// with it, statically linked when possible. Without a compiler sessions get the sh shim alone, as before;
// a front end from an earlier build is removed then, because hs session create installs whatever dist/ holds.
const FREESTANDING = ["-static", "-nostdlib", "-ffreestanding", "-fno-stack-protector", "-fno-pie", "-no-pie"];
compileC(
  path.join(root, "src", "shim", "front-end.c"),
  path.join(root, "dist", "hs-shim"),
  [["-O2", "-Wall", ...FREESTANDING], ["-O2", "-Wall", "-DHS_HOSTED", "-static"], ["-O2", "-Wall", "-DHS_HOSTED"]],
  "sessions will use the sh shim (slower fast path).",
  { removeStale: true },
);

// --- the DCC page (issue 13): Preact + TypeScript bundled for the browser into dist/ui, served by `hs ui`.
{
  const outdir = path.join(root, "dist", "ui");
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { app: "src/ui/main.tsx" },
    outdir: path.join(outdir, "assets"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["chrome115", "firefox115", "safari16"],
    minify: true,
    sourcemap: "linked",
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "warning",
  });
  fs.copyFileSync(path.join(root, "src", "ui", "index.html"), path.join(outdir, "index.html"));
}
