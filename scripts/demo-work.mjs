// npm run demo, the work part (kept apart so the story around it can change): the sessions are bound to a
// work packet with two micro-tasks, whose files become their scopes, and the demo ends with the board.
import { spawnSync } from "node:child_process";

export function planWork({ hs, repo, show }) {
  show("Plan the work: one work packet, two micro-tasks (their files become the sessions' scopes)");
  hs(repo, ["wp", "create", "--id", "WP-1", "--title", "Shop: totals and checkout", "--priority", "1"]);
  hs(repo, ["mt", "add", "WP-1", "--id", "MT-001", "--name", "cart totals use price x qty", "--files-modify", "src/cart.js", "--files-modify", "docs/**"]);
  hs(repo, ["mt", "add", "WP-1", "--id", "MT-002", "--name", "checkout refuses empty carts", "--files-modify", "src/checkout.js", "--files-modify", "config/**"]);
  hs(repo, ["wp", "ready", "WP-1"]);
}

/** `hs session create` arguments for a session bound to a micro-task. */
export function sessionForTask(id, mt, agent) {
  return ["session", "create", "--id", id, "--mt", mt, "--agent", agent];
}

export function finishWork({ hs, repo, show, hsBin, env }) {
  show("The work after the hand-back: pay leaves a handoff, its task is done; cart's waits for its conflict");
  hs(repo, ["handoff", "write", "pay", "--done-text", "checkout refuses empty carts", "--remaining-text", "nothing", "--decision", "an empty cart gets the answer empty"]);
  const status = JSON.parse(spawnSync(process.execPath, [hsBin, "mt", "show", "MT-002", "--json"], { cwd: repo, env, encoding: "utf8" }).stdout || "{}").status;
  if (status === "pending") hs(repo, ["mt", "start", "MT-002"]);
  hs(repo, ["mt", "done", "MT-002"]);
  hs(repo, ["wp", "show", "WP-1"]);
  show("The Task Board (.handshake/gov/TASK_BOARD.md, regenerated after every change)");
  hs(repo, ["wp", "board"]);
}
