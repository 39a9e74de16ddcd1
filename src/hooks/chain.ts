// Runs the hook that was active before hs init with the same arguments and the same stdin bytes.
import fs from "node:fs";
import { spawnSync } from "node:child_process";

export function runChained(chain: string, args: string[], stdin: Buffer | undefined, cwd: string): number {
  try {
    fs.accessSync(chain, fs.constants.X_OK);
    if (!fs.statSync(chain).isFile()) return 0;
  } catch {
    return 0;
  }
  const result = spawnSync(chain, args, { cwd, stdio: [stdin ? "pipe" : "inherit", "inherit", "inherit"], input: stdin });
  if (result.error) {
    process.stderr.write(`hs: could not run the chained hook ${chain}: ${result.error.message}\n`);
    return 1;
  }
  return result.status ?? 1;
}
