// hs state is never committed: .handshake/ is ignored for every worktree through the common info/exclude,
// except .handshake/gov/ (committed governance artifacts). Nothing needs committing to install hs.
import fs from "node:fs";
import path from "node:path";

export const IGNORE_BLOCK = ["# hs (Handshake) state; governance artifacts under .handshake/gov/ stay tracked", "/.handshake/*", "!/.handshake/gov/"];

export function ensureIgnoreRules(commonDir: string): boolean {
  const file = path.join(commonDir, "info", "exclude");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current.split("\n").includes(IGNORE_BLOCK[1]!)) return false;
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  fs.writeFileSync(file, current + separator + IGNORE_BLOCK.join("\n") + "\n");
  return true;
}

export function removeIgnoreRules(commonDir: string): void {
  const file = path.join(commonDir, "info", "exclude");
  if (!fs.existsSync(file)) return;
  const kept = fs.readFileSync(file, "utf8").split("\n").filter((line) => !IGNORE_BLOCK.includes(line));
  fs.writeFileSync(file, kept.join("\n"));
}
