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

export interface LockGitLayout {
  /** HEAD, index and marker of the session; mounted over <worktree>/.git. */
  adminDir: string;
  /** Where the shared common dir appears (read-only); the admin dir's commondir file names it. */
  commonView: string;
  /** Files inside adminDir that stay read-only. */
  readOnly: string[];
  /** <common>/hs, where core.hooksPath points: bound back at <worktree>/.git/hs. */
  hsDir: string | null;
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
  /** Lock mode: the only writable paths of the shared worktree (exactly the scope, see lock-scope.ts). */
  writableScopeDirs: string[];
  /** Lock mode with a branch of its own: the session's git dir replaces <worktree>/.git inside. */
  lockGit: LockGitLayout | null;
  socket: { host: string; inside: string };
  /** The per-session home layer (home-layer.ts); null for the legacy read-only home. */
  home: HomeMounts | null;
  seccompFd: number | null;
  /** Non-interactive runs: no controlling terminal at all (never on the pty shell: it breaks job control). */
  newSession: boolean;
  cwd: string;
  command: string[];
}

export interface HomeMounts {
  /** $HOME inside and outside. */
  home: string;
  /** Where the overlay is mounted in the private mount namespace bwrap starts in. */
  mount: string;
  /** Files and folders under $HOME the agent must not read (workspace.json sandbox.home_hidden). */
  hidden: Array<{ path: string; dir: boolean }>;
  /** Read-only files put over git's global config paths: the sanitized copy and an empty file. */
  gitGlobal: { sanitized: string; empty: string; userFile: string; xdgFile: string };
  /** Non-root operators: bwrap runs inside a user namespace that maps them to root; map them back. */
  ids: { uid: number; gid: number } | null;
}

export function bwrapArgs(input: ProfileInput): string[] {
  const args: string[] = ["--die-with-parent", ...userArgs(input.home), "--unshare-pid", "--unshare-ipc", "--cap-drop", "ALL"];
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
  if (input.home) args.push(...homeArgs(input.home));
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
    lockMounts(input, { ro, rw, seal });
  }

  args.push("--bind", input.socket.host, input.socket.inside);
  // Last, once every mount point inside them exists (the remount is not recursive).
  for (const path of sealed) args.push("--remount-ro", path);
  if (input.seccompFd !== null) args.push("--seccomp", String(input.seccompFd));
  if (input.newSession) args.push("--new-session");
  args.push("--chdir", input.cwd, "--", ...input.command);
  return args;
}

function userArgs(home: HomeMounts | null): string[] {
  return home?.ids ? ["--unshare-user", "--uid", String(home.ids.uid), "--gid", String(home.ids.gid)] : [];
}

/** The writable home layer, then what it must not show or let the session redefine (git's global config). */
export function homeArgs(home: HomeMounts): string[] {
  const args = ["--bind", home.mount, home.home];
  for (const entry of home.hidden) {
    if (entry.dir) args.push("--tmpfs", entry.path, "--remount-ro", entry.path);
    else args.push("--ro-bind", home.gitGlobal.empty, entry.path);
  }
  args.push("--ro-bind", home.gitGlobal.sanitized, home.gitGlobal.userFile);
  if (isWithin(home.home, home.gitGlobal.xdgFile)) args.push("--ro-bind", home.gitGlobal.empty, home.gitGlobal.xdgFile);
  return args;
}

interface Mounts {
  ro(path: string, dest?: string): void;
  rw(path: string, dest?: string): void;
  seal(path: string): void;
}

/**
 * Lock mode: the shared worktree read-only except exactly the scope. Re-binding the worktree would uncover
 * what was hidden inside it (.handshake with other sessions' sockets, worktrees kept under it), so those
 * are hidden again. With a branch of its own the session's git dir replaces .git: commits go to
 * hs/<id>/work through the private index, objects to the private store, refs only in the namespace.
 */
function lockMounts(input: ProfileInput, { ro, rw, seal }: Mounts): void {
  const worktree = input.worktree;
  ro(worktree);
  for (const path of input.hidden) if (isWithin(worktree, path) && path !== worktree) seal(path);
  if (isWithin(worktree, input.handshakeDir)) {
    seal(input.handshakeDir);
    for (const path of input.handshakeReadOnly) ro(path);
  }
  for (const path of input.writableScopeDirs) rw(path);
  for (const path of input.readOnlyInWorktree) if (!isWithin(input.handshakeDir, path)) ro(path);
  const git = input.lockGit;
  if (!git) return;
  const inCommon = (path: string) => `${git.commonView}${path.slice(input.commonDir.length)}`;
  ro(input.commonDir, git.commonView);
  for (const path of input.refDirs) rw(path, inCommon(path));
  rw(git.adminDir, `${worktree}/.git`);
  for (const path of git.readOnly) ro(path, `${worktree}/.git${path.slice(git.adminDir.length)}`);
  if (git.hsDir) ro(git.hsDir, `${worktree}/.git/hs`);
  if (input.objects) {
    // After the admin dir: the shared view keeps its real path (the private store's alternates name it).
    const { privateDir, sharedView, sanitizedAlternates, storesRoot } = input.objects;
    seal(inCommon(storesRoot));
    ro(`${input.commonDir}/objects`, sharedView);
    if (sanitizedAlternates) ro(sanitizedAlternates, `${sharedView}/info/alternates`);
    rw(privateDir, `${git.commonView}/objects`);
  }
}

/** Lexical and segment-aware, for the profile's own (already real) paths; requests go through ops/paths.ts. */
export function isWithin(parent: string, child: string): boolean {
  return contains(parent, child);
}
