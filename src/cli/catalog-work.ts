// The work-tracking groups (hs wp / mt / handoff / anchor) in the command catalog: descriptions and examples.
import type { CommandSpec, GroupSpec } from "./catalog.ts";

const WP: Record<string, CommandSpec> = {
  create: {
    describe: "create a work packet (status stub)",
    example: "hs wp create --title 'Cart totals' --scope 'src/cart/**'",
  },
  list: { describe: "list work packets", example: "hs wp list --status in_progress --json" },
  show: {
    describe: "one work packet with its micro-tasks, sessions, merge-backs, handoffs",
    example: "hs wp show WP-1",
  },
  update: {
    describe: "change title, description, priority, type, labels, scope",
    example: "hs wp update WP-1 --priority 1",
  },
  ready: { describe: "stub -> ready (refined)", example: "hs wp ready WP-1" },
  start: { describe: "ready/blocked/gated -> in_progress", example: "hs wp start WP-1" },
  block: { describe: "-> blocked (needs --reason)", example: "hs wp block WP-1 --reason 'waiting for the API'" },
  gate: { describe: "in_progress -> gated (all micro-tasks completed or skipped)", example: "hs wp gate WP-1" },
  done: { describe: "gated -> done (post-work gate passed)", example: "hs wp done WP-1" },
  cancel: { describe: "-> cancelled", example: "hs wp cancel WP-1 --reason 'superseded'" },
  note: {
    describe: "append a note (sidecar file under notes/; never rewritten)",
    example: "hs wp note WP-1 --text 'totals use cents'",
  },
  depend: { describe: "A --on B: A waits until B is done (cycles refused)", example: "hs wp depend WP-2 --on WP-1" },
  "ready-list": {
    describe: "ready work whose blockers are done, by priority then age",
    example: "hs wp ready-list --limit 5",
  },
  board: { describe: "regenerate .handshake/gov/TASK_BOARD.md and print it", example: "hs wp board" },
};

const MT: Record<string, CommandSpec> = {
  add: {
    describe: "register a micro-task under a work packet",
    example: "hs mt add WP-1 --name 'round totals' --files-modify src/cart.js",
  },
  list: { describe: "list micro-tasks", example: "hs mt list --wp WP-1" },
  show: { describe: "one micro-task with its sessions, iterations, handoffs", example: "hs mt show MT-1" },
  start: { describe: "-> in_progress", example: "hs mt start MT-1" },
  done: { describe: "in_progress -> completed", example: "hs mt done MT-1" },
  fail: { describe: "-> failed (the task did not work out)", example: "hs mt fail MT-1 --reason 'needs a redesign'" },
  skip: { describe: "-> skipped (not needed any more)", example: "hs mt skip MT-1 --reason 'covered by MT-2'" },
  iterate: {
    describe: "record an iteration (a session: for itself only)",
    example: "hs mt iterate MT-1 --outcome SUCCESS --summary 'tests green'",
  },
};

export const WORK_GROUPS: Record<string, GroupSpec> = {
  wp: {
    describe: "work packets: create, list, show, update, move through states, depend, board",
    example: "hs wp list",
    load: () => import("./commands/wp.ts"),
    subcommands: WP,
  },
  mt: {
    describe: "micro-tasks: add, list, show, start/done/fail/skip, iterate",
    example: "hs mt list --wp WP-1",
    load: () => import("./commands/mt.ts"),
    subcommands: MT,
  },
  handoff: {
    describe: "write, list and show session handoffs",
    example: "hs handoff list --session cart",
    load: () => import("./commands/handoff.ts"),
    subcommands: {
      write: {
        describe: "write a handoff for a session (a session: for itself only)",
        example: "hs handoff write cart --done-text 'totals done'",
      },
      list: { describe: "list handoffs", example: "hs handoff list --wp WP-1 --json" },
      show: { describe: "one handoff with its texts", example: "hs handoff show HO-1" },
    },
  },
  anchor: {
    describe: "objective anchors: create, list, show, link, note",
    example: "hs anchor list",
    load: () => import("./commands/anchor.ts"),
    subcommands: {
      create: {
        describe: "create an objective anchor",
        example: "hs anchor create --title 'Checkout never loses a cart'",
      },
      list: { describe: "list anchors", example: "hs anchor list --wp WP-1" },
      show: { describe: "one anchor with links and notes", example: "hs anchor show AN-1" },
      link: {
        describe: "link to a WP (once), MT, session, commit, artifact, workspace or dependency",
        example: "hs anchor link AN-1 --wp WP-1",
      },
      note: {
        describe: "append a note (never edited or deleted)",
        example: "hs anchor note AN-1 --text 'checked with support'",
      },
    },
  },
};
