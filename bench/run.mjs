// npm run bench: runs every bench/*.bench.mjs in order; each prints figures as ratios against raw git in the same run.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((file) => file.endsWith(".bench.mjs")).sort();
let failed = 0;
for (const file of files) {
  if (only.length && !only.some((name) => file.includes(name))) continue;
  console.log(`\n## ${file}`);
  try {
    const module = await import(pathToFileURL(path.join(dir, file)).href);
    await module.default();
  } catch (error) {
    failed += 1;
    console.log(`bench ${file} failed: ${error?.stack ?? error}`);
  }
}
process.exitCode = failed ? 1 : 0;
