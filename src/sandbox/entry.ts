// `hs __host ...` (hidden): `run ID [--log FILE] -- CMD…` is a background host; `client gate|event|hs …` is
// the Node stand-in for the C gate client when no compiler was available at build time.
import { EXIT, HsError } from "../errors.ts";

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "run") {
    const split = rest.indexOf("--");
    const head = split < 0 ? rest : rest.slice(0, split);
    const command = split < 0 ? [] : rest.slice(split + 1);
    const id = head[0];
    const logAt = head.indexOf("--log");
    if (!id || !command.length) throw new HsError("HS-USAGE", "hs __host run ID [--log FILE] -- CMD…", { hint: "hs session list   # then: hs session run ID --detach -- CMD…" });
    const { runHost } = await import("./host.ts");
    const { currentActor } = await import("../ops/current.ts");
    return runHost({ actor: currentActor(), sessionId: id, mode: "run", command, detached: true, cwd: process.cwd(), logPath: logAt >= 0 ? (head[logAt + 1] ?? null) : null });
  }
  if (sub === "client") {
    const { askHost, gateViaHost, hostSocket } = await import("./host-client.ts");
    const [verb, ...args] = rest;
    if (verb === "gate") return gateViaHost(args[0] ?? "git", args.slice(args[1] === "--" ? 2 : 1));
    const socket = hostSocket();
    if (!socket || (verb !== "event" && verb !== "hs")) {
      process.stderr.write("hs: deny [host-unreachable] HS_HOST_SOCKET is not set or the request is unknown\n");
      return EXIT.gate;
    }
    const request = verb === "event" ? { verb, cwd: process.cwd(), type: args[0] ?? "", payload: args[1] ?? "{}" } as const : { verb, cwd: process.cwd(), argv: args } as const;
    const reply = await askHost(socket, request, (text) => process.stderr.write(text));
    process.stdout.write(reply.stdout);
    return reply.code;
  }
  throw new HsError("HS-USAGE", `unknown host subcommand '${sub ?? ""}'`, { hint: "hs session list   # then: hs session run ID -- CMD…" });
}
