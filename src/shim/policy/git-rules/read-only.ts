// Read-only commands: options are not parsed strictly (log alone has hundreds); only the ones
// that write a file or run a program are looked for, and operands that name existing paths.
import { resolve } from "node:path";
import { finding, type Finding } from "../decide.ts";
import { checkAbs, checkFile, checkPathspecs, type GitCall } from "../git-call.ts";
import { fsExists } from "../realpath.ts";
import type { GitRule } from "./common.ts";

/** `--out`, `--outp`… are unique prefixes of `--output` for some commands: treat them all as it. */
function longPrefixOf(arg: string, full: string, min: number): { value?: string } | null {
  const eq = arg.indexOf("=");
  const typed = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
  if (!arg.startsWith("--") || typed.length < min || !full.startsWith(typed)) return null;
  return eq < 0 ? {} : { value: arg.slice(eq + 1) };
}

function scan(call: GitCall): Finding[] {
  const out: Finding[] = [];
  const exists = call.ctx.exists ?? fsExists;
  const args = call.args;
  const dd = args.indexOf("--");
  const head = dd < 0 ? args : args.slice(0, dd);
  for (let i = 0; i < head.length; i++) {
    const arg = head[i] as string;
    const output = longPrefixOf(arg, "output", 3);
    if (output !== null) {
      const value = output.value ?? head[++i];
      if (value !== undefined) out.push(...checkFile(call, value, "write"));
      continue;
    }
    // Any unique prefix runs the program (`grep --op=vi`), so even one letter counts.
    const runs = ["open-files-in-pager", "upload-pack", "exec"].some((o) => longPrefixOf(arg, o, 1) !== null);
    if (runs || (call.sub === "grep" && /^-[^-]*O/.test(arg))) {
      out.push(finding("git.command.exec", undefined, arg));
      continue;
    }
    const value = arg.startsWith("-") ? (arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : undefined) : arg;
    if (value === undefined || value === "") continue;
    const abs = resolve(call.cwd, value);
    if (exists(abs)) out.push(...checkAbs(call, abs, "read"));
  }
  if (dd >= 0) out.push(...checkPathspecs(call, args.slice(dd + 1), "pathspec-read"));
  return out;
}

export const readOnly: GitRule = scan;
