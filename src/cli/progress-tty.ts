// The CLI's progress sink: one rewritten line on stderr, only when stderr is a terminal.
import type { ProgressSink } from "../progress.ts";
import { paint } from "./colour.ts";

export function ttyProgressSink(stream: NodeJS.WriteStream = process.stderr): ProgressSink | undefined {
  if (!stream.isTTY) return undefined;
  return (line) => {
    if (line === null) return void stream.write("\r\x1b[2K");
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`\r\x1b[2K${paint("stderr", "dim", line.length > width ? `${line.slice(0, width - 3)}...` : line)}`);
  };
}
