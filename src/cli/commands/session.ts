// hs session <sub>: each subcommand is its own lazily loaded module; descriptions live in ../catalog.ts.
import { dispatch, lazy } from "../dispatch.ts";

const HANDLERS = {
  create: lazy(() => import("./session/create.ts")),
  list: lazy(() => import("./session/list.ts")),
  show: lazy(() => import("./session/show.ts")),
  cancel: lazy(() => import("./session/cancel.ts")),
  env: lazy(() => import("./session/env.ts")),
  shell: lazy(() => import("./session/shell.ts")),
  run: lazy(() => import("./session/run.ts")),
  rules: lazy(() => import("./session/rules.ts")),
  logs: lazy(() => import("./session/logs.ts")),
  status: lazy(() => import("./session/status.ts")),
  diff: lazy(() => import("./session/diff.ts")),
  pause: lazy(() => import("./session/pause.ts")),
  resume: lazy(() => import("./session/resume.ts")),
  close: lazy(() => import("./session/close.ts")),
  checkpoint: lazy(() => import("./session/checkpoint.ts")),
  checkpoints: lazy(() => import("./session/checkpoints.ts")),
  restore: lazy(() => import("./session/restore.ts")),
};

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("session", argv, HANDLERS);
}
