// POSIX sh single-quoting: the only character that needs care inside '...' is ' itself.
export function shQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a NUL byte cannot be passed through a shell word");
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
