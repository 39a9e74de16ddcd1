// A session can write its git admin dir (<common>/worktrees/<id>/): HEAD, index, config.worktree, locked... The
// host checks those files before every use and never follows a symlink planted there. Checks are reads only.
import fs from "node:fs";
import path from "node:path";

export const ADMIN_FINDINGS = ["admin-dir", "not-regular", "head-retargeted", "commondir", "config-worktree", "locked"] as const;
export type AdminFindingKind = (typeof ADMIN_FINDINGS)[number];

export interface AdminFinding {
  kind: AdminFindingKind;
  file: string;
  detail: string;
}

/** Findings that make host-side git in that worktree unsafe or wrong; the rest are reported and repaired by doctor. */
export const BLOCKING: ReadonlySet<AdminFindingKind> = new Set(["admin-dir", "not-regular", "head-retargeted", "commondir"]);

/** Pure: does the content of HEAD keep the session on its own branches (or detached)? */
export function headIsSessions(content: string, sessionId: string): boolean {
  const text = content.replace(/\n$/, "");
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text)) return true;
  const match = /^ref: (refs\/heads\/hs\/([^/\n]+)\/[^\n]+)$/.exec(text);
  return match !== null && match[2] === sessionId && !match[1]!.split("/").includes("..");
}

function kindOf(file: string): "missing" | "file" | "other" {
  try {
    const stat = fs.lstatSync(file);
    return stat.isFile() ? "file" : "other";
  } catch {
    return "missing";
  }
}

/** Reads a small regular file without following a symlink in its last component. */
export function readRegular(file: string, limit = 64 * 1024): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return null;
    const buffer = Buffer.alloc(limit);
    const read = fs.readSync(fd, buffer, 0, limit, 0);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

export function checkAdminDir(gitDir: string, commonDir: string, sessionId: string): AdminFinding[] {
  const found: AdminFinding[] = [];
  const at = (name: string) => path.join(gitDir, name);
  try {
    const stat = fs.lstatSync(gitDir);
    if (!stat.isDirectory()) return [{ kind: "admin-dir", file: gitDir, detail: "is not a directory (a symlink or a file)" }];
  } catch {
    return [{ kind: "admin-dir", file: gitDir, detail: "is missing" }];
  }
  for (const name of ["HEAD", "commondir", "gitdir", "index", "config.worktree", "locked", "ORIG_HEAD", "MERGE_HEAD", "logs"]) {
    const kind = kindOf(at(name));
    const mustExist = name === "HEAD" || name === "commondir";
    if ((kind === "other" && name !== "logs") || (kind === "missing" && mustExist)) {
      found.push({ kind: "not-regular", file: at(name), detail: kind === "missing" ? "is missing" : "is not a regular file (symlink or special file)" });
    } else if (name === "logs" && kind !== "missing" && fs.lstatSync(at(name)).isSymbolicLink()) {
      found.push({ kind: "not-regular", file: at(name), detail: "is a symlink" });
    }
  }
  const head = readRegular(at("HEAD"));
  if (head !== null && !headIsSessions(head, sessionId)) {
    found.push({ kind: "head-retargeted", file: at("HEAD"), detail: `points at ${JSON.stringify(head.trim().slice(0, 200))}, outside refs/heads/hs/${sessionId}/` });
  }
  const common = readRegular(at("commondir"));
  if (common !== null && path.resolve(gitDir, common.trim()) !== path.resolve(commonDir)) {
    found.push({ kind: "commondir", file: at("commondir"), detail: `names ${JSON.stringify(common.trim().slice(0, 200))}, not ${commonDir}` });
  }
  const config = readRegular(at("config.worktree"));
  if (config !== null && config.trim() !== "") found.push({ kind: "config-worktree", file: at("config.worktree"), detail: "was written (hs creates it empty and read-only)" });
  if (kindOf(at("locked")) === "file") found.push({ kind: "locked", file: at("locked"), detail: "was created (hs never locks a session worktree)" });
  return found;
}

/**
 * The admin dir git keeps for a linked worktree, found from the common dir (whose `worktrees/<name>/gitdir` names
 * `<worktree>/.git`), never from the `.git` file inside the worktree, which its session can write.
 */
export function adminDirOf(commonDir: string, worktree: string): string | null {
  const root = path.join(commonDir, "worktrees");
  const real = (file: string) => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  const want = real(worktree);
  let names: string[] = [];
  try {
    names = fs.readdirSync(root);
  } catch {
    return null;
  }
  for (const name of names) {
    const gitdir = readRegular(path.join(root, name, "gitdir"))?.trim();
    if (gitdir && real(path.dirname(gitdir)) === want) return path.join(root, name);
  }
  return null;
}
