// Session admin files (<common>/worktrees/<id>/) and object stores, as untrusted input: findings, and the repair
// `hs doctor --fix` performs (each repair only restores what hs itself wrote; nothing of the session's work).
import fs from "node:fs";
import path from "node:path";
import { BLOCKING, checkAdminDir, sessionGit, type AdminFinding, type AdminFindingKind } from "../../git/index.ts";
import type { SessionRecord } from "../../registry/sessions.ts";
import { dropStoreAlternates, storeAlternates } from "../../sandbox/objects.ts";
import { problem, warning, type Finding } from "./finding.ts";
import { gitlinkPaths, nestedRepositories } from "../../merge/nested.ts";
import { splitZ } from "../../merge/git.ts";

const CODES = {
  "admin-dir": "SESSION-ADMIN-DIR",
  "not-regular": "SESSION-ADMIN-NOT-REGULAR",
  "head-retargeted": "SESSION-HEAD-RETARGETED",
  commondir: "SESSION-COMMONDIR",
  "config-worktree": "SESSION-CONFIG-WORKTREE",
  locked: "SESSION-LOCKED",
} as const satisfies Record<AdminFindingKind, string>;

const WHY: Record<AdminFindingKind, string> = {
  "admin-dir": "host-side git for this session is refused until it is restored",
  "not-regular": "a symlink or special file there would make host-side git read another file; hs refuses to use it",
  "head-retargeted": "the operator's `git checkout` of that branch fails, and merge-back refuses this session until repaired",
  commondir: "git would read another repository's config and objects for this worktree",
  "config-worktree": "hs neutralises it, but plain git in the session worktree would run what it names",
  locked: "hs never locks a session worktree; `hs session close` refuses until it is removed",
};

const worktreeSessions = (sessions: readonly SessionRecord[]) => sessions.filter((s) => s.isolation === "worktree" && s.gitDir && fs.existsSync(s.worktree));

export function checkSessionAdmin(commonDir: string, sessions: readonly SessionRecord[]): Finding[] {
  const findings: Finding[] = [];
  for (const session of worktreeSessions(sessions)) {
    for (const found of checkAdminDir(session.gitDir, commonDir, session.id)) {
      findings.push(problem(CODES[found.kind], `session ${session.id}: ${found.file} ${found.detail}`, WHY[found.kind], "hs doctor --fix"));
    }
  }
  for (const line of storeAlternates(commonDir)) {
    findings.push(problem("OBJECTS-STORE-ALTERNATE", `${path.join(commonDir, "objects/info/alternates")} lists the session store ${line}`, "host-side git would read objects a session wrote without verifying them", "hs doctor --fix"));
  }
  return findings;
}

function repairOne(commonDir: string, session: SessionRecord, found: AdminFinding): string | null {
  const file = found.file;
  const base = path.basename(file);
  if (found.kind === "admin-dir") return null; // git's own admin entry is gone or replaced: `hs prune` / `hs rebuild`
  if (found.kind === "not-regular" || found.kind === "locked") fs.rmSync(file, { force: true, recursive: base === "logs" });
  if (base === "HEAD" || found.kind === "head-retargeted") fs.writeFileSync(path.join(session.gitDir, "HEAD"), `ref: refs/heads/${session.branch ?? `hs/${session.id}/work`}\n`);
  if (found.kind === "commondir" || (found.kind === "not-regular" && base === "commondir")) fs.writeFileSync(path.join(session.gitDir, "commondir"), `${path.relative(session.gitDir, commonDir) || "."}\n`);
  if (found.kind === "config-worktree" || (found.kind === "not-regular" && base === "config.worktree")) fs.writeFileSync(path.join(session.gitDir, "config.worktree"), "");
  if (found.kind === "not-regular" && base === "index") {
    sessionGit({ id: session.id, worktree: session.worktree, gitDir: session.gitDir, commonDir }).ok(["read-tree", "HEAD"]);
  }
  return `session ${session.id}: ${base} repaired (${found.detail})`;
}

/** Repairs what checkSessionAdmin finds; returns one line per repair. */
export function repairSessionAdmin(commonDir: string, sessions: readonly SessionRecord[]): string[] {
  const done: string[] = [];
  for (const session of worktreeSessions(sessions)) {
    // HEAD first: the index rebuild reads it.
    const found = checkAdminDir(session.gitDir, commonDir, session.id).sort((a, b) => Number(path.basename(b.file) === "HEAD") - Number(path.basename(a.file) === "HEAD"));
    for (const finding of found) {
      const line = repairOne(commonDir, session, finding);
      if (line) done.push(line);
    }
  }
  const dropped = dropStoreAlternates(commonDir);
  if (dropped) done.push(`objects/info/alternates: ${dropped} session store(s) removed`);
  return done;
}

/** Nested repositories (untracked folders with a .git) and gitlinks in session worktrees: reported, never entered. */
export function checkNested(commonDir: string, sessions: readonly SessionRecord[]): Finding[] {
  const findings: Finding[] = [];
  for (const session of worktreeSessions(sessions)) {
    if (checkAdminDir(session.gitDir, commonDir, session.id).some((found) => BLOCKING.has(found.kind))) continue; // reported above
    const git = sessionGit({ id: session.id, worktree: session.worktree, gitDir: session.gitDir, commonDir });
    const links = gitlinkPaths(splitZ(git.ok(["ls-files", "-s", "-z"])));
    const nested = nestedRepositories(session.worktree, splitZ(git.ok(["status", "--porcelain=v1", "-z", "--untracked-files=normal"])));
    for (const dir of [...new Set([...links, ...nested])]) {
      findings.push(warning("SESSION-NESTED-REPO", `session ${session.id}: ${dir} is ${links.includes(dir) ? "a gitlink" : "a nested repository"} in ${session.worktree}`, "hs never enters it (its config could run programs); merge-back refuses gitlinks (HS-MERGE-GITLINK)", `hs conflicts --json   (then ask the session to remove ${dir})`));
    }
  }
  return findings;
}
