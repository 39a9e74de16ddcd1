// Extracts conflict hunks from a file merge-tree wrote with diff3-style markers (merge.conflictStyle=diff3).
export interface Hunk {
  start_line: number;
  ours: string;
  base: string | null;
  theirs: string;
}

type Part = "ours" | "base" | "theirs";

export function extractHunks(text: string, markerSize = 7): Hunk[] {
  const open = "<".repeat(markerSize);
  const baseMark = "|".repeat(markerSize);
  const middle = "=".repeat(markerSize);
  const close = ">".repeat(markerSize);
  const isMarker = (line: string, marker: string) => line === marker || line.startsWith(marker + " ");
  const hunks: Hunk[] = [];
  let current: { start: number; parts: Record<Part, string[]>; sawBase: boolean } | null = null;
  let part: Part = "ours";
  text.split("\n").forEach((line, index) => {
    if (!current) {
      if (isMarker(line, open)) current = { start: index + 1, parts: { ours: [], base: [], theirs: [] }, sawBase: false };
      part = "ours";
      return;
    }
    if (part === "ours" && isMarker(line, baseMark)) {
      part = "base";
      current.sawBase = true;
    } else if (part !== "theirs" && line === middle) part = "theirs";
    else if (part === "theirs" && isMarker(line, close)) {
      const join = (lines: string[]) => (lines.length ? lines.join("\n") + "\n" : "");
      hunks.push({ start_line: current.start, ours: join(current.parts.ours), base: current.sawBase ? join(current.parts.base) : null, theirs: join(current.parts.theirs) });
      current = null;
    } else current.parts[part].push(line);
  });
  return hunks;
}

/** Same heuristic as git: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
