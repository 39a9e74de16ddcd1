// A read-only terminal rendering of a session's background output: xterm.js fed with the last 64 KiB and then
// the server's output stream (SSE, id = byte offset, so a reconnect resumes where it stopped). xterm.js is
// loaded on the first session page only: the board and the inbox do not pay for it.
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "preact/hooks";
import type { OutputTail } from "../pages/types.ts";
import { enc, get } from "../api.ts";

const DARK = { background: "#0f1419", foreground: "#e6e1cf", cursor: "#0f1419" };
const LIGHT = { background: "#fbfbfb", foreground: "#1f2328", cursor: "#fbfbfb" };

export function TerminalView({ session }: { session: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState("loading output…");
  useEffect(() => {
    let stream: EventSource | undefined;
    let stopped = false;
    let dispose = () => {};
    const start = async () => {
      const { Terminal } = await import("@xterm/xterm");
      if (stopped || !host.current) return;
      const dark = document.documentElement.dataset.theme === "dark";
      const term = new Terminal({ disableStdin: true, convertEol: true, rows: 18, cols: 100, fontSize: 13, scrollback: 5000, theme: dark ? DARK : LIGHT });
      dispose = () => term.dispose();
      term.open(host.current);
      term.textarea?.setAttribute("aria-label", `output of session ${session} (read only)`);
      const tail = await get<OutputTail>(`/api/v1/sessions/${enc(session)}/output`);
      if (stopped) return;
      if (tail.truncated) term.writeln("\x1b[2m[earlier output not shown]\x1b[0m");
      term.write(tail.text);
      setStatus(tail.offset ? "" : "no output yet: the session has no background host, or it printed nothing");
      stream = new EventSource(`/api/v1/sessions/${enc(session)}/output/stream?after=${tail.offset}`);
      stream.onmessage = (message) => {
        term.write((JSON.parse(message.data as string) as { text: string }).text);
        setStatus("");
      };
    };
    start().catch((error: Error) => setStatus(error.message));
    return () => ((stopped = true), stream?.close(), dispose());
  }, [session]);
  return (
    <div class="terminal-wrap">
      <div ref={host} class="terminal" data-testid="terminal" />
      {status && <p class="sub">{status}</p>}
    </div>
  );
}
