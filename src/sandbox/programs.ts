// The programs the sandbox entry runs (bwrap, unshare), found once per process on the host's own PATH. The entry
// then execs absolute paths: no PATH search through the session's shim folders at each start, and what runs is
// what the host resolved, whatever PATH the session's environment carries.
import fs from "node:fs";
import path from "node:path";

const found = new Map<string, string>();

/** The first executable `name` on the host's PATH; a name with a slash as given; the bare name when none is found. */
export function programPath(name: string, searchPath = process.env.PATH ?? "/usr/bin:/bin"): string {
  if (name.includes("/")) return name;
  const key = `${searchPath}\0${name}`;
  const known = found.get(key);
  if (known) return known;
  for (const dir of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (!fs.statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    found.set(key, file);
    return file;
  }
  // Not found: exec reports it as before (the availability probe has refused a missing bwrap already).
  return name;
}
