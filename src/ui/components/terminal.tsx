// A read-only terminal rendering of a session's background output: xterm.js fed with the last 64 KiB and then
// the server's output stream (SSE, id = byte offset, so a reconnect resumes where it stopped).
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "preact/hooks";
import { Terminal } from "@xterm/xterm";
import type { OutputTail } from "../pages/types.ts";
import { enc, get } from "../api.ts";

const DARK = { background: "#0f1419", foreground: "#e6e1cf", cursor: "#0f1419" };
const LIGHT = { background: "#fbfbfb", foreground: "#1f2328", cursor: "#fbfbfb" };

export function TerminalView({ session }: { session: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState("loading output…");
  useEffect(() => {
    const dark = document.documentElement.dataset.theme === "dark";
    const term = new Terminal({ disableStdin: true, convertEol: true, rows: 18, cols: 100, fontSize: 13, scrollback: 5000, theme: dark ? DARK : LIGHT });
    term.open(host.current!);
    term.textarea?.setAttribute("aria-label", `output of session ${session} (read only)`);
    let stream: EventSource | undefined;
    let stopped = false;
    get<OutputTail>(`/api/v1/sessions/${enc(session)}/output`).then(
      (tail) => {
        if (stopped) return;
        if (tail.truncated) term.writeln("\x1b[2m[earlier output not shown]\x1b[0m");
        term.write(tail.text);
        setStatus(tail.offset ? "" : "no output yet: the session has no background host, or it printed nothing");
        stream = new EventSource(`/api/v1/sessions/${enc(session)}/output/stream?after=${tail.offset}`);
        stream.onmessage = (message) => {
          term.write((JSON.parse(message.data as string) as { text: string }).text);
          setStatus("");
        };
      },
      (error: Error) => setStatus(error.message),
    );
    return () => ((stopped = true), stream?.close(), term.dispose());
  }, [session]);
  return (
    <div class="terminal-wrap">
      <div ref={host} class="terminal" data-testid="terminal" />
      {status && <p class="sub">{status}</p>}
    </div>
  );
}
