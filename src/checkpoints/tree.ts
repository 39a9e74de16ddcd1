// Pure: a flat list of (path, mode, blob id) -> git tree objects, in git's canonical order.
export interface TreeEntry {
  path: string;
  mode: string; // 100644 | 100755 | 120000 | 160000
  oid: string;
}

interface Dir {
  files: Map<string, { mode: string; oid: string }>;
  dirs: Map<string, Dir>;
}

function emptyDir(): Dir {
  return { files: new Map(), dirs: new Map() };
}

/** git sorts tree entries by name, comparing a folder's name as if it ended in "/". */
function sortKey(name: string, isDir: boolean): Buffer {
  return Buffer.from(isDir ? `${name}/` : name, "utf8");
}

export interface TreeReuse {
  /** Folder path ("" for the root) -> tree id, from the previous build. */
  previous: Readonly<Record<string, string>>;
  /** Folders with a changed, added or removed path somewhere below them. */
  dirty: ReadonlySet<string>;
  /** Filled with this build's folder ids, for the next one. */
  out: Record<string, string>;
}

/** Every folder above each path ("a/b/c" -> "", "a", "a/b"): what a change there makes dirty. */
export function ancestorFolders(paths: Iterable<string>): Set<string> {
  const dirty = new Set<string>();
  for (const file of paths) {
    dirty.add("");
    for (let index = file.indexOf("/"); index >= 0; index = file.indexOf("/", index + 1)) dirty.add(file.slice(0, index));
  }
  return dirty;
}

/**
 * Serialises the nested trees bottom-up through `write`, which returns each object's id; returns the root id.
 * With `reuse`, a folder where nothing changed keeps its previous id and is not serialised again.
 */
export function buildTree(entries: readonly TreeEntry[], write: (content: Buffer) => string, reuse?: TreeReuse): string {
  const root = emptyDir();
  for (const entry of entries) {
    const parts = entry.path.split("/");
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) dir.dirs.set(part, (next = emptyDir()));
      dir = next;
    }
    dir.files.set(parts.at(-1) ?? "", { mode: entry.mode, oid: entry.oid });
  }
  const serialise = (dir: Dir, at: string): string => {
    const known = reuse && !reuse.dirty.has(at) ? reuse.previous[at] : undefined;
    if (known) {
      for (const [name, child] of dir.dirs) if (reuse) keep(child, at ? `${at}/${name}` : name);
      if (reuse) reuse.out[at] = known;
      return known;
    }
    const items: { key: Buffer; bytes: Buffer }[] = [];
    for (const [name, file] of dir.files) {
      items.push({ key: sortKey(name, false), bytes: Buffer.concat([Buffer.from(`${file.mode} ${name}\0`), Buffer.from(file.oid, "hex")]) });
    }
    for (const [name, child] of dir.dirs) {
      const oid = serialise(child, at ? `${at}/${name}` : name);
      items.push({ key: sortKey(name, true), bytes: Buffer.concat([Buffer.from(`40000 ${name}\0`), Buffer.from(oid, "hex")]) });
    }
    items.sort((a, b) => Buffer.compare(a.key, b.key));
    const oid = write(Buffer.concat(items.map((item) => item.bytes)));
    if (reuse) reuse.out[at] = oid;
    return oid;
  };
  // An unchanged folder's sub-folders are unchanged too: carry their ids over for the next build.
  const keep = (dir: Dir, at: string): void => {
    const known = reuse?.previous[at];
    if (reuse && known) reuse.out[at] = known;
    for (const [name, child] of dir.dirs) keep(child, at ? `${at}/${name}` : name);
  };
  return serialise(root, "");
}
