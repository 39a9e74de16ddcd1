// Human and --json output. Commands build plain objects; this decides how they look.
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

export function printLines(lines: string[]): void {
  if (lines.length) process.stdout.write(lines.join("\n") + "\n");
}

export function warn(message: string): void {
  process.stderr.write(`hs: warning: ${message}\n`);
}

/** Fixed-width table; columns sized to their widest cell. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)];
}
