// Parser for `git merge-tree --write-tree -z --messages [--name-only]` (git >= 2.38 format):
//   <tree>NUL  { <mode> SP <oid> SP <stage> TAB <path>NUL | <path>NUL }*  NUL
//   { <count>NUL <path>NUL * count  <type>NUL <message>NUL }*  [free text git appends, e.g. the submodule advice]
export interface StageEntry {
  mode: string;
  oid: string;
  stage: 1 | 2 | 3;
  path: string;
}

export interface MergeMessage {
  paths: string[];
  /** Stable machine-readable type, e.g. "CONFLICT (contents)", "Auto-merging". */
  type: string;
  text: string;
}

export interface MergeTreeResult {
  tree: string;
  /** Conflicted entries (full form). Empty for --name-only output. */
  entries: StageEntry[];
  /** Every conflicted path, in git's order, without duplicates. */
  conflictedPaths: string[];
  messages: MergeMessage[];
  /** Text git printed after the last message record (not NUL-terminated). */
  notes: string;
}

const ENTRY = /^(\d{6}) ([0-9a-f]{40,64}) ([123])\t([\s\S]*)$/;
const OID = /^[0-9a-f]{40,64}$/;

export function parseMergeTree(output: string | Buffer, options: { nameOnly?: boolean } = {}): MergeTreeResult {
  const text = typeof output === "string" ? output : output.toString("utf8");
  const fields = text.split("\0");
  const tree = fields[0] ?? "";
  if (!OID.test(tree)) throw new Error(`merge-tree output does not start with a tree id: ${JSON.stringify(tree.slice(0, 80))}`);
  let index = 1;
  const entries: StageEntry[] = [];
  const conflictedPaths: string[] = [];
  const seen = new Set<string>();
  const addPath = (path: string) => {
    if (!seen.has(path)) conflictedPaths.push(path), seen.add(path);
  };
  for (; index < fields.length && fields[index] !== ""; index += 1) {
    const field = fields[index] as string;
    if (options.nameOnly) {
      addPath(field);
      continue;
    }
    const match = ENTRY.exec(field);
    if (!match) throw new Error(`unexpected merge-tree conflict entry: ${JSON.stringify(field.slice(0, 120))}`);
    entries.push({ mode: match[1] as string, oid: match[2] as string, stage: Number(match[3]) as 1 | 2 | 3, path: match[4] as string });
    addPath(match[4] as string);
  }
  index += 1; // the empty field that ends the conflicted-file section
  const messages: MergeMessage[] = [];
  while (index < fields.length) {
    const countField = fields[index] as string;
    if (!/^\d+$/.test(countField)) break;
    const count = Number(countField);
    const paths = fields.slice(index + 1, index + 1 + count);
    const type = fields[index + 1 + count];
    const message = fields[index + 2 + count];
    if (type === undefined || message === undefined || paths.length !== count) break;
    messages.push({ paths, type, text: message.replace(/\n$/, "") });
    index += count + 3;
  }
  const notes = fields.slice(index).join("\0").trim();
  return { tree, entries, conflictedPaths, messages, notes };
}
