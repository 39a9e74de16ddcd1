// A scripted stand-in for the Anthropic Messages API (POST /v1/messages, SSE streaming), enough for the real
// Claude Code client: each turn of the main conversation (requests that offer the Bash tool) answers with the
// next scripted Bash call, then a final text; side requests (titles, summaries) get a short text. Every
// tool_result the client sends back is kept for the test to read.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ToolResult {
  toolUseId: string;
  text: string;
  isError: boolean;
}

export interface ScriptedServer {
  url: string;
  /** tool_result blocks seen, in order, keyed by tool_use id (toolu_<step>). */
  results: Map<string, ToolResult>;
  requests: number;
  close(): Promise<void>;
}

type Block = { type: string; text?: string; tool_use_id?: string; content?: unknown; is_error?: boolean };
type Message = { role: string; content: string | Block[] };

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part: { text?: string }) => part.text ?? "").join("");
  return "";
}

function sse(res: http.ServerResponse, events: Array<Record<string, unknown>>): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const event of events) res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
  res.end();
}

function reply(id: string, block: Record<string, unknown>, delta: Record<string, unknown>, stop: string): Array<Record<string, unknown>> {
  return [
    { type: "message_start", message: { id, type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } },
    { type: "content_block_start", index: 0, content_block: block },
    { type: "content_block_delta", index: 0, delta },
    { type: "content_block_stop", index: 0 },
    { type: "message_delta", delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 10 } },
    { type: "message_stop" },
  ];
}

const textReply = (id: string, text: string) => reply(id, { type: "text", text: "" }, { type: "text_delta", text }, "end_turn");
const bashReply = (id: string, step: number, command: string) =>
  reply(id, { type: "tool_use", id: `toolu_${step}`, name: "Bash", input: {} }, { type: "input_json_delta", partial_json: JSON.stringify({ command, description: `step ${step}` }) }, "tool_use");

/** beforeStep(n) runs (and is awaited) before step n's Bash call is handed to the client: the operator's turn. */
export function startScriptedServer(commands: string[], options: { finalText?: string; beforeStep?: (step: number) => Promise<void> } = {}): Promise<ScriptedServer> {
  const finalText = options.finalText ?? "All scripted steps are done.";
  const prepared = new Set<number>();
  const results = new Map<string, ToolResult>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => void answer());
    const answer = async () => {
      requests += 1;
      const id = `msg_${requests}`;
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "not scripted" } }));
        return;
      }
      if (req.url.startsWith("/v1/messages/count_tokens")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ input_tokens: 10 }));
        return;
      }
      const request = JSON.parse(body) as { messages?: Message[]; tools?: Array<{ name: string }>; stream?: boolean };
      const main = (request.tools ?? []).some((tool) => tool.name === "Bash");
      for (const message of request.messages ?? []) {
        if (!Array.isArray(message.content)) continue;
        for (const block of message.content) {
          if (block.type === "tool_result" && block.tool_use_id) {
            results.set(block.tool_use_id, { toolUseId: block.tool_use_id, text: textOf(block.content), isError: block.is_error === true });
          }
        }
      }
      const done = [...results.keys()].filter((key) => key.startsWith("toolu_")).length;
      if (main && done < commands.length && options.beforeStep && !prepared.has(done)) {
        prepared.add(done);
        await options.beforeStep(done);
      }
      const events = !main ? textReply(id, "Scripted session") : done < commands.length ? bashReply(id, done, commands[done]!) : textReply(id, finalText);
      if (request.stream === false) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id, type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "Scripted session" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 } }));
        return;
      }
      sse(res, events);
    };
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        results,
        get requests() {
          return requests;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
