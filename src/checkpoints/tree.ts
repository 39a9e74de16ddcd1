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

/** Serialises the nested trees bottom-up through `write`, which returns each object's id; returns the root id. */
export function buildTree(entries: readonly TreeEntry[], write: (content: Buffer) => string): string {
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
  const serialise = (dir: Dir): string => {
    const items: { key: Buffer; bytes: Buffer }[] = [];
    for (const [name, file] of dir.files) {
      items.push({ key: sortKey(name, false), bytes: Buffer.concat([Buffer.from(`${file.mode} ${name}\0`), Buffer.from(file.oid, "hex")]) });
    }
    for (const [name, child] of dir.dirs) {
      const oid = serialise(child);
      items.push({ key: sortKey(name, true), bytes: Buffer.concat([Buffer.from(`40000 ${name}\0`), Buffer.from(oid, "hex")]) });
    }
    items.sort((a, b) => Buffer.compare(a.key, b.key));
    return write(Buffer.concat(items.map((item) => item.bytes)));
  };
  return serialise(root);
}
