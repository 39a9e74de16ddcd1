// The bubblewrap profile: a pure function from the session's layout to bwrap arguments. Mount order is
// the policy: the whole system read-only, then hide (tmpfs) what the session must not see, then bind back
// what it may use, narrowest last. Paths are the same inside and outside except /tmp and the socket.

import { contains } from "../ops/paths.ts";

export interface ObjectsLayout {
  /** The session's private object store; mounted over <common>/objects inside, so git writes there. */
  privateDir: string;
  /** Where the real shared objects/ appear inside (read-only); the private store's alternates name it. */
  sharedView: string;
  /** An alternates file for the shared view that leaves out every session's private store. */
  sanitizedAlternates: string | null;
  /** The folder holding every session's private store; hidden as a whole. */
  storesRoot: string;
}

export interface ProfileInput {
  isolation: "worktree" | "lock";
  worktree: string;
  gitDir: string;
  commonDir: string;
  mainRoot: string;
  handshakeDir: string;
  packageRoot: string;
  /** Folders to hide completely (the worktrees root, other sessions' worktrees). */
  hidden: string[];
  /** Existing paths inside the worktree that stay read-only (.git pointer, linkage, governance). */
  readOnlyInWorktree: string[];
  /** Existing files inside the session's git dir that stay read-only (marker, commondir, gitdir...). */
  readOnlyInGitDir: string[];
  /** Read-only paths under .handshake/ the session needs (its shim, committed governance). */
  handshakeReadOnly: string[];
  /** The session's ref namespace folders (refs and reflogs), writable. */
  refDirs: string[];
  objects: ObjectsLayout | null;
  /** Lock mode: the only writable folders of the shared worktree. */
  writableScopeDirs: string[];
  socket: { host: string; inside: string };
  seccompFd: number | null;
  /** Non-interactive runs: no controlling terminal at all (never on the pty shell: it breaks job control). */
  newSession: boolean;
  cwd: string;
  command: string[];
}

export function bwrapArgs(input: ProfileInput): string[] {
  const args: string[] = ["--die-with-parent", "--unshare-pid", "--unshare-ipc", "--cap-drop", "ALL"];
  const ro = (path: string, dest = path) => args.push("--ro-bind", path, dest);
  const rw = (path: string, dest = path) => args.push("--bind", path, dest);
  const sealed: string[] = [];
  const hide = (path: string) => args.push("--tmpfs", path);
  // Hidden and read-only: an empty folder where another session's worktree is, so `rm -rf` fails loudly.
  const seal = (path: string) => {
    hide(path);
    sealed.push(path);
  };

  ro("/", "/");
  args.push("--dev", "/dev", "--proc", "/proc");
  hide("/tmp");
  // The repository and hs itself may live under /tmp: bring them back, read-only.
  ro(input.mainRoot);
  ro(input.packageRoot);
  for (const path of input.hidden) seal(path);
  if (input.hidden.some((path) => isWithin(path, input.mainRoot))) ro(input.mainRoot);
  seal(input.handshakeDir);
  for (const path of input.handshakeReadOnly) ro(path);

  if (input.isolation === "worktree") {
    rw(input.worktree);
    for (const path of input.readOnlyInWorktree) ro(path);
    rw(input.gitDir);
    for (const path of input.readOnlyInGitDir) ro(path);
    for (const path of input.refDirs) rw(path);
    if (input.objects) {
      const { privateDir, sharedView, sanitizedAlternates, storesRoot } = input.objects;
      const common = `${input.commonDir}/objects`;
      seal(storesRoot);
      ro(common, sharedView);
      if (sanitizedAlternates) ro(sanitizedAlternates, `${sharedView}/info/alternates`);
      rw(privateDir, common);
    }
  } else {
    ro(input.worktree);
    for (const path of input.writableScopeDirs) rw(path);
    for (const path of input.readOnlyInWorktree) ro(path);
  }

  args.push("--bind", input.socket.host, input.socket.inside);
  // Last, once every mount point inside them exists (the remount is not recursive).
  for (const path of sealed) args.push("--remount-ro", path);
  if (input.seccompFd !== null) args.push("--seccomp", String(input.seccompFd));
  if (input.newSession) args.push("--new-session");
  args.push("--chdir", input.cwd, "--", ...input.command);
  return args;
}

/** Lexical and segment-aware, for the profile's own (already real) paths; requests go through ops/paths.ts. */
export function isWithin(parent: string, child: string): boolean {
  return contains(parent, child);
}
