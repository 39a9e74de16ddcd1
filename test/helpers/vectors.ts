// The public gate vectors, copied into the checkout (test/fixtures/vectors/) so that tests never read
// outside it. `npm run sync-vectors` refreshes the copy from ../shared/test-vectors when that exists.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./hs.ts";

export const VECTORS_DIR = path.join(REPO_ROOT, "test", "fixtures", "vectors");

export function vectorFile(name: string): string {
  const file = path.join(VECTORS_DIR, name);
  if (!fs.existsSync(file)) throw new Error(`test vectors not found: ${file} (npm run sync-vectors)`);
  return file;
}
