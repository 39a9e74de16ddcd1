// The shared test vectors live beside the repository (../shared/test-vectors), as in CI's checkout.
// HS_TEST_VECTORS overrides the location. A missing directory fails the tests that need it.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./hs.ts";

export const VECTORS_DIR = process.env.HS_TEST_VECTORS ?? path.resolve(REPO_ROOT, "..", "shared", "test-vectors");

export function vectorFile(name: string): string {
  const file = path.join(VECTORS_DIR, name);
  if (!fs.existsSync(file)) throw new Error(`test vectors not found: ${file} (check out shared/ beside the repository, or set HS_TEST_VECTORS)`);
  return file;
}
