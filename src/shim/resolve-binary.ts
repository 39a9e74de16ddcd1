// Finds the real git/rm once, at session creation: the first executable on PATH that is not an hs shim.
import fs from "node:fs";
import path from "node:path";
import { isShimScript } from "./render.ts";

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function resolveRealBinary(name: string, searchPath = process.env.PATH ?? "/usr/bin:/bin"): string | undefined {
  for (const dir of searchPath.split(":")) {
    if (!dir || !path.isAbsolute(dir) || /\/\.handshake\/sessions\//.test(`${dir}/`)) continue;
    const candidate = path.join(dir, name);
    if (!isExecutableFile(candidate) || isShimScript(candidate)) continue;
    return fs.realpathSync(candidate);
  }
  return undefined;
}
