// git alias expansion (git.c handle_alias + alias.c split_cmdline).

/** git's split_cmdline: whitespace-separated words with '...' and "..." quoting and backslashes. */
export function splitCmdline(text: string): string[] | null {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === null && /\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "\\" && quote !== "'") {
      i++;
      if (i >= text.length) return null;
      cur += text[i];
    } else if (quote === null && (c === "'" || c === '"')) quote = c;
    else if (quote !== null && c === quote) quote = null;
    else cur += c;
  }
  if (quote !== null) return null;
  if (inWord) words.push(cur);
  return words;
}
