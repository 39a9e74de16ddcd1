// Copies the public gate vectors (JSON data) from ../shared/test-vectors into test/fixtures/vectors/,
// so tests never read outside the checkout. Run after the shared vectors change; exits 1 when they differ
// with --check.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = process.env.HS_SHARED_VECTORS ?? path.resolve(root, "..", "shared", "test-vectors");
const target = path.join(root, "test", "fixtures", "vectors");
const check = process.argv.includes("--check");
if (!fs.existsSync(source)) {
  console.error(`sync-vectors: ${source} not found (set HS_SHARED_VECTORS)`);
  process.exit(2);
}
let differ = 0;
for (const name of fs.readdirSync(source).filter((n) => n.endsWith(".json")).sort()) {
  const from = fs.readFileSync(path.join(source, name));
  const to = path.join(target, name);
  if (fs.existsSync(to) && fs.readFileSync(to).equals(from)) continue;
  differ++;
  if (check) console.log(`differs: ${name}`);
  else {
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(to, from);
    console.log(`copied: ${name}`);
  }
}
if (check && differ) process.exit(1);
console.log(differ ? `${differ} file(s) ${check ? "differ" : "copied"}` : "vectors in sync");
