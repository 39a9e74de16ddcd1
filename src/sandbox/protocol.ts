// The host socket protocol (spoken by gate-client.c and host-client.ts). Pure encode/decode.
// Request: NUL-terminated fields: verb, cwd, [tool,] count, args..., [envCount, env...]; the client then
// half-closes. Reply: frames (see frame()), ending with the exit frame.

export type HostRequest =
  | { verb: "gate"; cwd: string; tool: string; argv: string[]; env: Record<string, string>; pid?: number }
  | { verb: "event"; cwd: string; type: string; payload: string }
  | { verb: "hs"; cwd: string; argv: string[] }
  | { verb: "ping"; cwd: string }
  /** The conflict radar asks for the worktree's dirty files (see dirty-tracker.ts); the reply is JSON on stdout. */
  | { verb: "dirty"; cwd: string }
  /** A hook's changed paths: exit 0 when every one passes the host's own session's scope and governance. */
  | { verb: "scope"; cwd: string; paths: string[] };

/** Reply frames: "O <n>\n" + n stdout bytes, "E <n>\n" + n stderr bytes (streamed as they happen), "X <code>\n" last. */
export function frame(kind: "O" | "E", text: string | Buffer): Buffer {
  const body = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return Buffer.concat([Buffer.from(`${kind} ${body.length}\n`), body]);
}

export function exitFrame(code: number): Buffer {
  return Buffer.from(`X ${Math.max(0, Math.min(255, Math.trunc(code)))}\n`);
}

export interface HostReply {
  code: number;
  stdout: string;
  stderr: string;
}

/** Parses a complete reply; a reply without its exit frame is an error (fail closed). */
export function parseReply(data: Buffer): HostReply {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const newline = data.indexOf(10, at);
    if (newline < 0) break;
    const match = /^([OEX]) (\d+)$/.exec(data.subarray(at, newline).toString());
    if (!match) break;
    const value = Number(match[2]);
    if (match[1] === "X") return { code: value, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
    const body = data.subarray(newline + 1, newline + 1 + value);
    (match[1] === "O" ? out : err).push(body);
    at = newline + 1 + value;
  }
  throw new Error("malformed or truncated reply from the session host");
}

export function parseRequest(data: Buffer): HostRequest {
  const fields = data.toString("utf8").split("\0");
  if (fields.at(-1) !== "") throw new Error("request not NUL-terminated");
  fields.pop();
  let at = 0;
  const next = (): string => {
    const value = fields[at++];
    if (value === undefined) throw new Error("request truncated");
    return value;
  };
  const list = (): string[] => {
    const count = Number(next());
    if (!Number.isInteger(count) || count < 0 || count > fields.length) throw new Error("bad field count");
    return Array.from({ length: count }, next);
  };
  const verb = next();
  const cwd = next();
  if (verb === "gate") {
    const tool = next();
    const argv = list();
    const env: Record<string, string> = {};
    for (const entry of list()) {
      const eq = entry.indexOf("=");
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    // Optional: the client's pid (the gate daemon's clients share its pid namespace; a sandbox's do not).
    const pid = at < fields.length ? Number(next()) : undefined;
    if (pid !== undefined && !(Number.isInteger(pid) && pid > 0)) throw new Error("bad client pid");
    return pid === undefined ? { verb, cwd, tool, argv, env } : { verb, cwd, tool, argv, env, pid };
  }
  if (verb === "event") {
    const [type, payload] = list();
    if (type === undefined) throw new Error("event needs a type");
    return { verb, cwd, type, payload: payload ?? "{}" };
  }
  if (verb === "hs") return { verb, cwd, argv: list() };
  if (verb === "ping") return { verb, cwd };
  if (verb === "dirty") return { verb, cwd };
  if (verb === "scope") return { verb, cwd, paths: list() };
  throw new Error(`unknown verb ${JSON.stringify(verb)}`);
}

export function encodeRequest(request: HostRequest): Buffer {
  const fields: string[] = [request.verb, request.cwd];
  if (request.verb === "gate") {
    const env = Object.entries(request.env).map(([key, value]) => `${key}=${value}`);
    fields.push(request.tool, String(request.argv.length), ...request.argv, String(env.length), ...env);
    if (request.pid !== undefined) fields.push(String(request.pid));
  } else if (request.verb === "event") fields.push("2", request.type, request.payload);
  else if (request.verb === "hs") fields.push(String(request.argv.length), ...request.argv);
  else if (request.verb === "scope") fields.push(String(request.paths.length), ...request.paths);
  return Buffer.from(fields.map((field) => `${field}\0`).join(""), "utf8");
}
