// Paths and working directories that arrive from a session (socket requests, --cwd, lock-mode children)
// are resolved with realpath before any containment check: `<s1>/../../main-repo` and a symlink in the
// worktree that points at the main checkout are outside s1, whatever the string prefix says.
import fs from "node:fs";
import path from "node:path";

/** Segment-aware containment of normalised absolute paths: `/a/bc` is not in `/a/b`; equal counts as inside. */
export function contains(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * What the kernel would open: realpath(3) of the path as given (`..` after a symlink is physical), else
 * realpath of its longest existing prefix with the rest appended lexically.
 */
export function realResolve(file: string, base = "/"): string {
  const raw = path.isAbsolute(file) ? file : `${base}/${file}`;
  try {
    return fs.realpathSync.native(raw);
  } catch {
    // does not exist (yet): fall through to the longest existing prefix
  }
  const absolute = path.resolve(base, file);
  const rest: string[] = [];
  for (let at = absolute; ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      if (at === path.dirname(at)) return absolute;
      rest.push(path.basename(at));
    }
  }
}

/** Both resolved with realpath first. */
export function realContains(parent: string, child: string): boolean {
  return contains(realResolve(parent), realResolve(child));
}
