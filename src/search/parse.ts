// Pure: `git grep -n --null` output ("path\0line\0text\n") as bounded snippet references.
export interface SearchHit {
  path: string;
  line: number;
  excerpt: string;
}

export const EXCERPT_CHARS = 200;

export function excerptOf(text: string, chars: number = EXCERPT_CHARS): string {
  const trimmed = text.replace(/\r$/, "");
  return trimmed.length > chars ? `${trimmed.slice(0, chars)}…` : trimmed;
}

/** At most `max` hits; `more` says whether the output held another one (or was cut mid-record). */
export function parseGrep(output: string, max: number): { hits: SearchHit[]; more: boolean } {
  const hits: SearchHit[] = [];
  let at = 0;
  while (at < output.length) {
    const end = output.indexOf("\n", at);
    if (end < 0) return { hits, more: true };
    const record = output.slice(at, end);
    at = end + 1;
    const first = record.indexOf("\0");
    const second = first < 0 ? -1 : record.indexOf("\0", first + 1);
    if (second < 0) continue;
    if (hits.length === max) return { hits, more: true };
    hits.push({ path: record.slice(0, first), line: Number(record.slice(first + 1, second)), excerpt: excerptOf(record.slice(second + 1)) });
  }
  return { hits, more: false };
}
