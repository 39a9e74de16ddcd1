// A session's background output (.handshake/sessions/<id>/session.log, written by its host outside the
// sandbox): a bounded tail, and an SSE stream of what is appended. The SSE id is the byte offset, so
// Last-Event-ID resumes. Text is redacted per chunk (a secret split across two reads can slip through the
// pattern match; the log itself is the operator's file). Symlinks are never followed.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { redactString } from "../registry/redact.ts";
import { BASE_HEADERS } from "./respond.ts";
import type { StreamResponse } from "./types.ts";

export const TAIL_BYTES = 64 * 1024;
const CHUNK = 64 * 1024;

function openLog(file: string): number | undefined {
  try {
    return fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
}

/** The last `TAIL_BYTES` of the log, and the offset where it ends. */
export function readTail(file: string): { text: string; offset: number; truncated: boolean } {
  const fd = openLog(file);
  if (fd === undefined) return { text: "", offset: 0, truncated: false };
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    const read = fs.readSync(fd, buffer, 0, buffer.length, start);
    const text = redactString(buffer.subarray(0, read).toString("utf8"));
    return { text, offset: start + read, truncated: start > 0 };
  } finally {
    fs.closeSync(fd);
  }
}

export function outputStream(file: string, from: number, pollMs: number): StreamResponse {
  return {
    kind: "stream",
    status: 200,
    headers: { ...BASE_HEADERS, "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive" },
    open(write) {
      const decoder = new StringDecoder("utf8");
      let offset = from;
      write("retry: 1000\n\n");
      const poll = () => {
        const fd = openLog(file);
        if (fd === undefined) return;
        try {
          const buffer = Buffer.alloc(CHUNK);
          const next = () => fs.readSync(fd, buffer, 0, CHUNK, offset);
          for (let read = next(); read > 0; read = next()) {
            offset += read;
            const text = decoder.write(buffer.subarray(0, read));
            if (text) write(`id: ${offset}\ndata: ${JSON.stringify({ text: redactString(text) })}\n\n`);
          }
        } finally {
          fs.closeSync(fd);
        }
      };
      const timer = setInterval(poll, pollMs);
      poll();
      return () => clearInterval(timer);
    },
  };
}
