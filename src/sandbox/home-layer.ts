// The per-session home layer: the operator's $HOME as the lower layer of a kernel overlay whose upper
// directory lives under .handshake/sessions/<id>/home-upper. bwrap 0.8 has no --overlay, so the host
// wraps bwrap in a private mount namespace (unshare) that mounts the overlay on home-mount and
// binds it at $HOME inside. The mount dies with that namespace: a crash leaves no stale mount.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { HsError } from "../errors.ts";
import { probeKey, probeRemembered, rememberProbe } from "./probe-cache.ts";
import { programPath } from "./programs.ts";

export interface HomeLayer {
  /** The operator's home (the overlay's read-only lower layer), as seen by the host. */
  home: string;
  upper: string;
  work: string;
  /** The empty folder the overlay is mounted on inside the private mount namespace. */
  mount: string;
  /** Non-root operators: an outer user namespace maps them to root to mount; bwrap maps them back. */
  ids: { uid: number; gid: number } | null;
}

export function homeLayerPaths(sessionDir: string, home: string, uid = process.getuid?.() ?? 0, gid = process.getgid?.() ?? 0): HomeLayer {
  return {
    home,
    upper: path.join(sessionDir, "home-upper"),
    work: path.join(sessionDir, "home-work"),
    mount: path.join(sessionDir, "home-mount"),
    ids: uid === 0 ? null : { uid, gid },
  };
}

/** Why this home cannot be a lower layer, or null. Pure: the checks that need no file system. */
export function homeProblem(home: string | undefined, roots: string[]): string | null {
  if (!home || !path.isAbsolute(home)) return `HOME is not an absolute path (${JSON.stringify(home ?? "")})`;
  if (path.resolve(home) === "/") return "HOME is /; the whole system cannot be a session's home layer";
  // overlayfs options are comma/colon separated; escaping them is not worth a silent misparse.
  if (/[,:\\\n]/.test(home)) return `HOME (${home}) holds a ',', ':' or '\\', which overlay mount options cannot carry`;
  const inside = roots.find((root) => home === root || home.startsWith(`${root}/`));
  return inside ? `HOME (${home}) lies inside the repository or its worktrees (${inside})` : null;
}

/** Mounts the overlay from $lower $upper $work on $mnt (sh variables set by the script it is part of). */
export const MOUNT_STEP = [
  'if ! err=$(mount -t overlay hs-home -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$mnt" 2>&1); then',
  '  echo "hs: cannot build the session home layer: $err" >&2; exit 70',
  'fi',
].join("\n");

const MOUNT_SCRIPT = ['lower=$1 upper=$2 work=$3 mnt=$4; shift 4', MOUNT_STEP, 'exec "$@"'].join("\n");

/** The private mount namespace (and, for a non-root operator, the user namespace) the layer is mounted in. */
export function unshareArgs(layer: HomeLayer): string[] {
  return [...(layer.ids ? ["--user", "--map-root-user", "--mount"] : ["--mount"]), "--propagation", "private", "--"];
}

/** The command that mounts the layer in a private mount namespace and then execs `file args`. */
export function wrapWithHomeLayer(layer: HomeLayer, file: string, args: string[]): { file: string; args: string[] } {
  return {
    file: programPath("unshare"),
    args: [...unshareArgs(layer), "/bin/sh", "-c", MOUNT_SCRIPT, "hs-home", layer.home, layer.upper, layer.work, layer.mount, file, ...args],
  };
}

export function prepareHomeLayer(layer: HomeLayer, sessionId: string, roots: string[], cacheDir?: string): void {
  const problem = homeProblem(layer.home, roots) ?? (fs.statSync(layer.home, { throwIfNoEntry: false })?.isDirectory() ? null : `HOME (${layer.home}) is not a folder`);
  if (problem) throw homeError(sessionId, problem);
  for (const dir of [layer.upper, layer.work, layer.mount]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const probe = probeHomeLayer(layer.ids, cacheDir);
  if (!probe.ok) throw homeError(sessionId, probe.why);
}

function homeError(sessionId: string, why: string): HsError {
  return new HsError("HS-HOME-LAYER", `cannot build the home layer of session '${sessionId}': ${why}; nothing was started`, {
    hint: "run as a user whose kernel allows overlay mounts in a user namespace (Linux >= 5.11), with HOME set to your home folder",
  });
}

let probed: { ok: true } | { ok: false; why: string } | undefined;

/**
 * Mounts a throw-away overlay the same way once per process; the real mount fails closed too. With `cacheDir`, a
 * success is remembered for this boot, user, binaries and kernel settings (src/sandbox/probe-cache.ts).
 */
export function probeHomeLayer(ids: HomeLayer["ids"], cacheDir?: string): { ok: true } | { ok: false; why: string } {
  if (probed) return probed;
  const key = probeKey(`home overlay ${JSON.stringify(ids)} ${MOUNT_SCRIPT}`, ["unshare", "mount", "/bin/sh"]);
  if (probeRemembered(cacheDir, key)) return (probed = { ok: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hs-home-probe-"));
  try {
    const dirs = ["lower", "upper", "work", "mnt"].map((name) => path.join(root, name));
    for (const dir of dirs) fs.mkdirSync(dir);
    const layer: HomeLayer = { home: dirs[0]!, upper: dirs[1]!, work: dirs[2]!, mount: dirs[3]!, ids };
    const { file, args } = wrapWithHomeLayer(layer, "/bin/sh", ["-c", `echo ok > "$1/probe"`, "probe", layer.mount]);
    const result = spawnSync(file, args, { encoding: "utf8", timeout: 10_000 });
    const ok = result.status === 0 && fs.existsSync(path.join(layer.upper, "probe"));
    probed = ok ? { ok: true } : { ok: false, why: result.error?.message ?? (result.stderr.trim() || `exit ${result.status}`) };
    if (ok) rememberProbe(cacheDir, key);
    return probed;
  } finally {
    removeTree(root);
  }
}

/** Bytes the session wrote under its home (the upper layer), without following symlinks. */
export function homeLayerBytes(sessionDir: string): number {
  let total = 0;
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else total += fs.lstatSync(file, { throwIfNoEntry: false })?.size ?? 0;
    }
  };
  walk(path.join(sessionDir, "home-upper"));
  return total;
}

/** overlayfs leaves a mode-000 folder in its work dir; make folders writable before removing. */
export function removeTree(root: string): void {
  const open = (dir: string) => {
    try {
      fs.chmodSync(dir, 0o700);
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) open(path.join(dir, entry.name));
    } catch {
      // gone already, or not ours to open: rmSync reports what matters
    }
  };
  if (!fs.existsSync(root)) return;
  open(root);
  fs.rmSync(root, { recursive: true, force: true });
}

export function removeHomeLayer(sessionDir: string): void {
  for (const name of ["home-upper", "home-work", "home-mount"]) removeTree(path.join(sessionDir, name));
}
