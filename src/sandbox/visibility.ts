// Whether a host path exists inside the sandbox: the profile hides /tmp, .handshake/ and other sessions'
// worktrees, then binds some of them back. The longest matching prefix decides (pure). `hs session run`
// refuses before start when its command lives where the sandbox cannot see it.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { isWithin, type ProfileInput } from "./profile.ts";

export function visibilityRules(input: ProfileInput): Array<{ prefix: string; visible: boolean }> {
  const hidden = ["/tmp", input.handshakeDir, ...input.hidden];
  const shown = [input.mainRoot, input.packageRoot, input.worktree, ...input.handshakeReadOnly, ...(input.home ? [input.home.home] : [])];
  return [...hidden.map((prefix) => ({ prefix, visible: false })), ...shown.map((prefix) => ({ prefix, visible: true }))];
}

export function visibleInside(file: string, rules: Array<{ prefix: string; visible: boolean }>): boolean {
  let best: { prefix: string; visible: boolean } | undefined;
  for (const rule of rules) {
    if (isWithin(rule.prefix, file) && (!best || rule.prefix.length >= best.prefix.length)) best = rule;
  }
  return best?.visible ?? true;
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** Where the host finds the command, as the sandbox's PATH lookup would; null when the host cannot either. */
function hostCandidates(command: string, cwd: string, pathVar: string): string[] {
  if (command.includes("/")) return [path.resolve(cwd, command)];
  return pathVar
    .split(":")
    .filter((dir) => path.isAbsolute(dir))
    .map((dir) => path.join(dir, command))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile());
}

export function assertCommandVisible(sessionId: string, command: string, cwd: string, pathVar: string, input: ProfileInput): void {
  const rules = visibilityRules(input);
  const candidates = hostCandidates(command, cwd, pathVar).filter((file) => fs.existsSync(file));
  const seen = (file: string) => visibleInside(file, rules) && visibleInside(realOrSelf(file), rules);
  if (!candidates.length || candidates.some(seen)) return;
  const file = candidates[0]!;
  const home = input.home?.home;
  const place = home ? path.join(home, ".local", "bin") : input.worktree;
  const target = path.join(place, path.basename(file));
  const why = isWithin("/tmp", realOrSelf(file)) ? "the sandbox has a private /tmp" : "that folder is hidden from the session";
  throw new HsError("HS-RUN-NOT-VISIBLE", `${file} is not visible inside session '${sessionId}' (${why}); nothing was started`, {
    hint: `mkdir -p ${shQuote(place)} && cp ${shQuote(file)} ${shQuote(target)} && hs session run ${shQuote(sessionId)} -- ${shQuote(target)}`,
    details: { command, resolved: file },
  });
}
