// Pure parts of the conflict radar: which pairs need a merge-tree at all, and files dirty in several worktrees.

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let index = path.indexOf("/"); index !== -1; index = path.indexOf("/", index + 1)) out.push(path.slice(0, index));
  return out;
}

export interface PathIndex {
  files: Set<string>;
  dirs: Set<string>;
}

export function indexPaths(paths: Iterable<string>): PathIndex {
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const path of paths) {
    files.add(path);
    for (const dir of ancestors(path)) dirs.add(dir);
  }
  return { files, dirs };
}

/**
 * Whether two change sets could conflict in a merge: a shared path, or a file on one side where the other has a
 * directory. Disjoint sets cannot produce a content, add/add, modify/delete or directory/file conflict; rename
 * conflicts always involve a shared source path. (Directory-rename detection is the one case this can miss.)
 */
export function changesMayCollide(a: PathIndex, b: PathIndex): boolean {
  const [small, large] = a.files.size <= b.files.size ? [a, b] : [b, a];
  for (const path of small.files) {
    if (large.files.has(path) || large.dirs.has(path)) return true;
    for (const dir of ancestors(path)) if (large.files.has(dir)) return true;
  }
  return false;
}

export function dirtyOverlaps(dirty: Map<string, string[]>): Array<{ path: string; worktrees: string[] }> {
  const byPath = new Map<string, string[]>();
  for (const [owner, paths] of dirty) for (const path of paths) byPath.set(path, [...(byPath.get(path) ?? []), owner]);
  return [...byPath].filter(([, owners]) => owners.length > 1).map(([path, worktrees]) => ({ path, worktrees })).sort((x, y) => x.path.localeCompare(y.path));
}

export function pairsOf<T>(items: readonly T[]): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  for (let i = 0; i < items.length; i += 1) for (let j = i + 1; j < items.length; j += 1) pairs.push([items[i] as T, items[j] as T]);
  return pairs;
}
