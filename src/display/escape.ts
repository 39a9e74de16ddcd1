// Text that came from a session (argv, cwd, paths, reasons) shown to the operator: every control character
// and every bidirectional override is made visible, so a request cannot repaint itself as something else
// (ESC sequences, CR, backspace) or reorder what the operator reads (U+202E). The CLI and the web use this.

// C0 (tab and newline too), DEL, C1, and the Unicode format characters that reorder or hide text.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e", "\b": "\\b" };

function visible(char: string, bash = false): string {
  const named = NAMED[char];
  if (named) return named;
  const hex = char.codePointAt(0)!.toString(16);
  if (hex.length <= 2) return `\\x${hex.padStart(2, "0")}`;
  return bash ? `\\u${hex.padStart(4, "0")}` : `\\u{${hex}}`;
}

/** The text with control and bidi characters written as escapes (`\e`, `\r`, `\x07`, `\u{202e}`); backslashes doubled. */
export function displaySafe(text: string): string {
  return text.replaceAll("\\", "\\\\").replace(UNSAFE, (char) => visible(char));
}

export function hasUnsafe(text: string): boolean {
  return new RegExp(UNSAFE.source, "u").test(text);
}

/** One argv word as the operator can read and paste it: plain shell quoting, or bash's $'…' when it holds unsafe characters. */
export function shellWordSafe(word: string, quote: (word: string) => string): string {
  if (!hasUnsafe(word)) return quote(word);
  return `$'${word.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replace(UNSAFE, (char) => visible(char, true))}'`;
}
