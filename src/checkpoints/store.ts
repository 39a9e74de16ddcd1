// The checkpoint repository: bare, host-owned, under .handshake/ (which no session can see). Its
// alternates name the shared object store, so unchanged files cost nothing; the shared store itself is
// never written, and checkpoints never show up in the operator's `git log --all` or gc.
import fs from "node:fs";
import path from "node:path";
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv, gitOk } from "../git/index.ts";

export function checkpointStore(handshakeDir: string, commonDir: string): string {
  const store = path.join(handshakeDir, "checkpoints.git");
  const alternates = path.join(store, "objects", "info", "alternates");
  if (!fs.existsSync(path.join(store, "HEAD"))) {
    fs.mkdirSync(path.dirname(store), { recursive: true });
    gitOk({ args: [...NEUTRAL_CONFIG_ARGS, "init", "-q", "--bare", store], cwd: handshakeDir, env: neutralGitEnv() });
    gitOk({ args: [`--git-dir=${store}`, "config", "gc.auto", "0"], cwd: store, env: neutralGitEnv() });
  }
  const shared = path.join(commonDir, "objects");
  if (!fs.existsSync(alternates) || fs.readFileSync(alternates, "utf8").trim() !== shared) fs.writeFileSync(alternates, `${shared}\n`);
  return store;
}
