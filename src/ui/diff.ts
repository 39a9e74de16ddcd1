// Pure: a unified diff of one file into hunks and lines, the side-by-side pairing of those lines, and a small
// syntax tokenizer (comments, strings, numbers, keywords) for the diff viewer. No DOM here.

export interface DiffLine {
  kind: "context" | "add" | "del" | "meta";
  old: number | null;
  new: number | null;
  text: string;
}

export interface Hunk {
  header: string;
  lines: DiffLine[];
}

export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let oldNo = 0;
  let newNo = 0;
  for (const raw of patch.split("\n")) {
    const head = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (head) {
      current = { header: raw, lines: [] };
      hunks.push(current);
      oldNo = Number(head[1]);
      newNo = Number(head[2]);
      continue;
    }
    if (!current) continue;
    if (raw.startsWith("+")) current.lines.push({ kind: "add", old: null, new: newNo++, text: raw.slice(1) });
    else if (raw.startsWith("-")) current.lines.push({ kind: "del", old: oldNo++, new: null, text: raw.slice(1) });
    else if (raw.startsWith(" ")) current.lines.push({ kind: "context", old: oldNo++, new: newNo++, text: raw.slice(1) });
    else if (raw.startsWith("\\")) current.lines.push({ kind: "meta", old: null, new: null, text: raw });
  }
  return hunks;
}

export interface SideRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

/** Context lines on both sides; a run of deletions paired line by line with the additions that follow it. */
export function sideBySide(hunk: Hunk): SideRow[] {
  const rows: SideRow[] = [];
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++) rows.push({ left: dels[i] ?? null, right: adds[i] ?? null });
    dels = [];
    adds = [];
  };
  for (const line of hunk.lines) {
    if (line.kind === "del") {
      if (adds.length) flush();
      dels.push(line);
    } else if (line.kind === "add") adds.push(line);
    else {
      flush();
      rows.push(line.kind === "meta" ? { left: null, right: line } : { left: line, right: line });
    }
  }
  flush();
  return rows;
}

export type TokenKind = "plain" | "comment" | "string" | "number" | "keyword";
export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(
  (
    "if else for while do return function const let var class import export from default new this await async try catch finally throw " +
    "switch case break continue interface type extends implements public private protected static true false null undefined def self " +
    "elif lambda pass None True False fn pub struct enum impl use mod match mut package func go defer select"
  ).split(" "),
);
const CODE_EXT = /\.(m?[jt]sx?|c|h|cc|cpp|hpp|rs|go|py|rb|java|kt|swift|cs|php|sh|bash|zsh|css|scss|json|ya?ml|toml)$/i;

/** Tokens of one line; plain text for files that are not code (and always for very long lines). */
export function tokenize(line: string, path: string): Token[] {
  if (!CODE_EXT.test(path) || line.length > 2000) return [{ kind: "plain", text: line }];
  const hashComments = /\.(py|rb|sh|bash|zsh|ya?ml|toml)$/i.test(path);
  const pattern = hashComments
    ? /(#.*$)|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)|(\b\d[\d_.]*\b)|([A-Za-z_$][\w$]*)/g
    : /(\/\/.*$|\/\*.*?(?:\*\/|$))|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d[\d_.]*\b)|([A-Za-z_$][\w$]*)/g;
  const tokens: Token[] = [];
  let last = 0;
  for (const m of line.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (start > last) tokens.push({ kind: "plain", text: line.slice(last, start) });
    const kind: TokenKind = m[1] ? "comment" : m[2] ? "string" : m[3] ? "number" : KEYWORDS.has(m[4] ?? "") ? "keyword" : "plain";
    tokens.push({ kind, text: m[0] });
    last = start + m[0].length;
  }
  if (last < line.length) tokens.push({ kind: "plain", text: line.slice(last) });
  return tokens;
}
