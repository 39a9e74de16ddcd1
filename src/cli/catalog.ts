// Every command group and subcommand hs knows: one line of description and one example each. Help,
// `hs help X` and "did you mean" read this table, so a group registered here is covered by all three.
import { WORK_GROUPS } from "./catalog-work.ts";

type Module = { run(argv: string[]): Promise<number | void> };

export interface CommandSpec {
  describe: string;
  example: string;
}

export interface GroupSpec extends CommandSpec {
  load: () => Promise<Module>;
  hidden?: boolean;
  /** Subcommands the group's module dispatches (through dispatch.ts). */
  subcommands?: Record<string, CommandSpec>;
  /** The group also runs on its own (`hs log`, `hs grants`, `hs merge-back ID`). */
  runsItself?: boolean;
  /** Its first positional is a value (a session id), so an unknown word is not a mistyped subcommand. */
  takesPositional?: boolean;
}

const SESSION: Record<string, CommandSpec> = {
  create: {
    describe: "create a session (worktree or lock isolation)",
    example: "hs session create --id cart --scope 'src/cart/**'",
  },
  list: { describe: "list sessions", example: "hs session list --json" },
  show: { describe: "show one session: state, scope, budgets, locks, children", example: "hs session show cart" },
  cancel: {
    describe: "cancel a session and its descendants (worktrees and branches are kept)",
    example: "hs session cancel cart --reason 'wrong approach'",
  },
  env: {
    describe: "print shell lines that put a shell into the session's gate",
    example: 'eval "$(hs session env cart)"',
  },
  shell: {
    describe: "attach this terminal to the session (pty shell in the sandbox)",
    example: "hs session shell cart",
  },
  run: {
    describe: "run a command inside the session's sandbox and gate",
    example: "hs session run cart --detach -- sh -c 'make test'",
  },
  rules: {
    describe: "the briefing the agent gets: where it may write, what needs approval",
    example: "hs session rules cart",
  },
  logs: {
    describe: "print a detached session's output (--follow keeps printing)",
    example: "hs session logs cart --follow",
  },
  status: {
    describe: "git status of the session's worktree, read safely from the host",
    example: "hs session status cart --json",
  },
  diff: {
    describe: "changes against its base or a checkpoint, read safely from the host",
    example: "hs session diff cart --stat",
  },
  pause: { describe: "freeze every process of the session", example: "hs session pause cart" },
  resume: {
    describe: "continue a paused session (starts a new host after a crash)",
    example: "hs session resume cart",
  },
  close: {
    describe: "remove a finished session's worktree and branch, proving nothing is lost",
    example: "hs session close cart",
  },
  checkpoint: {
    describe: "write a checkpoint of the session's working state now",
    example: "hs session checkpoint cart",
  },
  checkpoints: { describe: "list the session's checkpoints", example: "hs session checkpoints cart --json" },
  restore: {
    describe: "restore a checkpoint (whole tree or --paths), undoable",
    example: "hs session restore cart --checkpoint 3 --paths 'src/**'",
  },
};

export const GROUPS: Record<string, GroupSpec> = {
  init: {
    describe: "install hs into this repository (registry, policy, hooks)",
    example: "hs init",
    load: () => import("./commands/init.ts"),
  },
  uninstall: {
    describe: "restore the hook setup as it was before hs init",
    example: "hs uninstall",
    load: () => import("./commands/uninstall.ts"),
  },
  doctor: {
    describe: "report hooks, registry drift, database integrity, sandbox availability",
    example: "hs doctor --json",
    load: () => import("./commands/doctor.ts"),
  },
  session: {
    describe: "create, run, watch and close sessions",
    example: "hs session list",
    load: () => import("./commands/session.ts"),
    subcommands: SESSION,
  },
  ...WORK_GROUPS,
  lock: {
    describe: "list and release file-scope locks",
    example: "hs lock list",
    load: () => import("./commands/lock.ts"),
    subcommands: {
      list: { describe: "list active locks (--all: released ones too)", example: "hs lock list --all --json" },
      release: {
        describe: "release a lock a session still holds (operator)",
        example: "hs lock release lock-3f2a --reason 'agent stuck'",
      },
    },
  },
  log: {
    describe: "read, follow, verify and export the Flight Recorder",
    example: "hs log --follow",
    load: () => import("./commands/log.ts"),
    runsItself: true,
    subcommands: {
      verify: { describe: "recompute every hash and check each link of the chain", example: "hs log verify" },
      export: {
        describe: "every event as one canonical JSON line",
        example: "hs log export --out flight-recorder.jsonl",
      },
    },
  },
  rebuild: {
    describe: "recreate .handshake/devcc.db from linkage files, git and artifacts",
    example: "hs rebuild --force",
    load: () => import("./commands/rebuild.ts"),
  },
  check: {
    describe: "classify a command as the Tool Gate would, without running it",
    example: "hs check -- git reset --hard",
    load: () => import("./commands/check.ts"),
  },
  approvals: {
    describe: "list pending approval requests",
    example: "hs approvals --all --json",
    load: () => import("./commands/approvals.ts"),
  },
  approve: {
    describe: "approve a pending request (once, job or workspace)",
    example: "hs approve req-7c1e --scope job --ttl 2h",
    load: () => import("./commands/approve.ts"),
  },
  deny: {
    describe: "deny a pending request with a reason",
    example: "hs deny req-7c1e --reason 'commit your notes first'",
    load: () => import("./commands/deny.ts"),
  },
  grants: {
    describe: "list or revoke standing approvals",
    example: "hs grants --all",
    load: () => import("./commands/grants.ts"),
    runsItself: true,
    subcommands: {
      revoke: { describe: "revoke a standing approval (operator)", example: "hs grants revoke grant-9d0b --reason 'job done'" },
    },
  },
  "merge-back": {
    describe: "hand a session's work back: artifact, conflict report, atomic apply",
    example: "hs merge-back cart --apply",
    load: () => import("./commands/merge-back.ts"),
    runsItself: true,
    takesPositional: true,
    subcommands: {
      verify: {
        describe: "recompute an artifact's hashes and re-apply its patch on the recorded base",
        example: "hs merge-back verify .handshake/artifacts/merge-back/cart-1",
      },
    },
  },
  conflicts: {
    describe: "predicted conflicts between active sessions and their targets",
    example: "hs conflicts --json",
    load: () => import("./commands/conflicts.ts"),
  },
  prune: {
    describe: "list orphaned worktrees, registry entries and stale branches",
    example: "hs prune --json",
    load: () => import("./commands/prune.ts"),
  },
  ui: {
    describe: "serve the Dev Command Center API on loopback (one-time login URL)",
    example: "hs ui --no-open",
    load: () => import("./commands/ui.ts"),
  },
  vcs: {
    describe: "status, diff, commit chosen paths, revert (approved) in a session or main",
    example: "hs vcs commit cart -m 'round totals' -- src/cart/total.ts",
    load: () => import("./commands/vcs.ts"),
    subcommands: {
      status: { describe: "branch, HEAD and changed files, read safely from the host", example: "hs vcs status cart --json" },
      diff: { describe: "one path against HEAD (bounded; --json adds old/new texts)", example: "hs vcs diff main src/app.ts" },
      commit: {
        describe: "commit exactly these paths via a temporary index (your index untouched)",
        example: "hs vcs commit main -m 'fix rounding' -- src/app.ts",
      },
      revert: {
        describe: "discard uncommitted changes: files an approval showing what is lost",
        example: "hs vcs revert cart -- src/cart/total.ts",
      },
    },
  },
  search: {
    describe: "search a session worktree or main (git grep, bounded in size and time)",
    example: "hs search cart 'TODO' --untracked",
    load: () => import("./commands/search.ts"),
    runsItself: true,
    takesPositional: true,
    subcommands: {
      open: { describe: "the lines around one line of a file", example: "hs search open cart src/cart/total.ts 42" },
    },
  },
  job: {
    describe: "run workspace.json recipes (or approved commands) in a session's sandbox",
    example: "hs job run cart test",
    load: () => import("./commands/job.ts"),
    subcommands: {
      run: { describe: "run a recipe now, or file a custom command for approval", example: "hs job run cart test" },
      list: { describe: "jobs and how they ended", example: "hs job list --session cart" },
      logs: { describe: "a job's output", example: "hs job logs job-1a2b3c4d" },
      recipes: { describe: "the allowlisted recipes (workspace.json recipes)", example: "hs job recipes --json" },
    },
  },
  __job: { describe: "job runner", example: "", load: () => import("../jobs/entry.ts"), hidden: true },
  __hook: { describe: "git hook runtime", example: "", load: () => import("../hooks/entry.ts"), hidden: true },
  __gate: { describe: "shim slow path", example: "", load: () => import("../shim/entry.ts"), hidden: true },
  __host: { describe: "session host", example: "", load: () => import("../sandbox/entry.ts"), hidden: true },
};

export function visibleGroups(): Array<[string, GroupSpec]> {
  return Object.entries(GROUPS).filter(([, group]) => !group.hidden);
}

export function findGroup(name: string): GroupSpec | undefined {
  return Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
}

/** The spec for "log", "session create", …; undefined for anything not in the table. */
export function findSpec(path: string): CommandSpec | undefined {
  const [group, sub] = path.split(" ");
  const spec = group === undefined ? undefined : findGroup(group);
  if (!spec || sub === undefined) return spec;
  return spec.subcommands && Object.hasOwn(spec.subcommands, sub) ? spec.subcommands[sub] : undefined;
}
