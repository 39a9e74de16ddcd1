// Human and --json output. Commands build plain objects; this decides how they look (colour only on a TTY).
import { paint } from "./colour.ts";

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

/** `next:` hints stand out; everything else is printed as given. */
export function printLines(lines: string[]): void {
  const shown = lines.map((line) => line.replace(/^(\s*)(next:)/, (_, space: string, next: string) => space + paint("stdout", "cyan", next)));
  if (shown.length) process.stdout.write(shown.join("\n") + "\n");
}

export function warn(message: string): void {
  process.stderr.write(`${paint("stderr", "yellow", "hs: warning:")} ${message}\n`);
}

/** Fixed-width table; columns sized to their widest cell; the header is bold on a terminal. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [paint("stdout", "bold", line(headers)), ...rows.map(line)];
}
