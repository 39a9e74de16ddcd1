// Reading a file named on the command line. A session's request is served by the host, so for a session actor
// the file must be a regular file inside that session's worktree (no symlink, nothing the host should not read).
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import type { Actor } from "../ops/actor.ts";
import { isWithin } from "../sandbox/profile.ts";

const MAX_BYTES = 1 << 20;

export function readInputFile(
  file: string,
  options: { cwd: string; actor: Actor; sessionWorktree?: string; flag: string },
): string {
  const absolute = path.resolve(options.cwd, file);
  const refuse = (why: string): never => {
    throw new HsError("HS-INPUT-FILE", `${options.flag} ${file}: ${why}`, { hint: `ls -l '${absolute}'` });
  };
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(absolute);
  } catch {
    return refuse("no such file");
  }
  if (!stat.isFile()) refuse("not a regular file (symlinks and devices are not read)");
  if (stat.size > MAX_BYTES) refuse(`larger than ${MAX_BYTES} bytes`);
  if (options.actor.kind === "session") {
    const real = fs.realpathSync(absolute);
    if (!options.sessionWorktree || !isWithin(fs.realpathSync(options.sessionWorktree), real))
      refuse("a session may only hand in files from its own worktree");
  }
  return fs.readFileSync(absolute, "utf8");
}
