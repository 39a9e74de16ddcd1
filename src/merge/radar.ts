// hs conflicts: predicted conflicts between live sessions and against their targets, overlapping scopes, and files
// dirty in more than one worktree. No checkout is touched: merge-tree only writes objects.
import os from "node:os";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { isLive, listSessions, type SessionRecord } from "../registry/sessions.ts";
import { hostGit } from "./git.ts";
import { importStores, proveImported, type Proof } from "./radar-proof.ts";
import { scanDirty as scanDirtyFiles, type DirtySource } from "./radar-dirty.ts";
import { runMergeTrees } from "./radar-merges.ts";
import { changesMayCollide, dirtyOverlaps, indexPaths, pairsOf, type PathIndex } from "./radar-plan.ts";
import { RadarCache } from "./radar-cache.ts";
import { scopePairs } from "./radar-scope.ts";
import { trace } from "../trace.ts";

export interface PredictedConflict {
  path: string;
  kind: string;
}

export interface RadarReport {
  sessions: Array<{
    id: string;
    state: string;
    head: string | null;
    target_ref: string | null;
    changed: number;
    dirty: number;
    /** Where `dirty` came from: the session host's watcher, a `git status` scan (no live host), or none. */
    dirty_source: DirtySource;
    /** Nested repositories and gitlinks in the worktree: reported, never entered. */
    nested: string[];
    /** Why the worktree was not scanned (e.g. HS-SESSION-ADMIN-TAMPERED), or null. */
    scan_error: string | null;
  }>;
  pairs: Array<{ a: string; b: string; scope_overlap: { example: string; globs: [string, string] } | null; predicted_conflicts: PredictedConflict[]; merge_error?: string }>;
  targets: Array<{ session: string; target_ref: string; predicted_conflicts: PredictedConflict[]; merge_error?: string }>;
  dirty_overlaps: Array<{ path: string; worktrees: string[] }>;
  stats: { merge_trees: number; cached: number; skipped_disjoint: number; duration_ms: number };
}

interface Tracked {
  session: SessionRecord;
  head: string;
  base: string;
  targetRef: string;
  target: string;
}

export interface RadarOptions {
  /** Skip the per-worktree status scan (the costly part on big checkouts). */
  dirty?: boolean;
}

export async function conflictRadar(ws: Workspace, options: RadarOptions = {}): Promise<RadarReport> {
  return radar(ws, options.dirty ?? true);
}

const fullRef = (name: string) => (name.startsWith("refs/") ? name : `refs/heads/${name}`);
const diffKey = (from: string, to: string) => `diff:${from}:${to}`;
const mergeKey = (x: string, y: string) => `mt:${x < y ? `${x}:${y}` : `${y}:${x}`}`;

/** Sessions whose branch and target both exist, with the object ids the radar works on. */
function candidatesOf(live: readonly SessionRecord[], refs: ReadonlyMap<string, string>): Tracked[] {
  const out: Tracked[] = [];
  for (const session of live) {
    const head = session.branch ? refs.get(fullRef(session.branch)) : undefined;
    const targetRef = session.target ? fullRef(session.target) : null;
    const target = targetRef ? refs.get(targetRef) : undefined;
    if (head && targetRef && target) out.push({ session, head, base: session.baseRev ?? target, targetRef, target });
  }
  return out;
}

async function radar(ws: Workspace, scanDirty: boolean): Promise<RadarReport> {
  const started = performance.now();
  const git = hostGit(ws.loc.mainRoot);
  const cache = new RadarCache(path.join(ws.loc.handshakeDir, "cache", "radar.json"));
  const live = listSessions(ws).filter((session) => isLive(session.state));
  const width = Math.max(2, os.cpus().length);
  // The hosts are asked first: they answer while the refs are read and the stores imported (the answers wait in
  // their sockets). Sessions with no live host get a status scan, from the same pool, meanwhile.
  const dirtyScans = scanDirty ? scanDirtyFiles(ws, live, width) : Promise.resolve([]);
  const refs = new Map(
    git.ok(["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/"]).split("\n").filter(Boolean).map((line) => [line.slice(0, line.lastIndexOf(" ")), line.slice(line.lastIndexOf(" ") + 1)] as [string, string]),
  );
  const candidates = candidatesOf(live, refs);
  // Session history is read only after its objects were imported by content and its tree proven complete (cached
  // per head and base). The proof's diff-tree is the head's change list too.
  const toProve = candidates.filter((t) => cache.get(`verified:${t.head}`) === undefined || cache.get(diffKey(t.base, t.head)) === undefined);
  const proofs = new Map<string, Proof>();
  const imported = importStores(ws, toProve, proofs);
  trace(`radar: ${imported.length} store(s) imported`);
  const targetDiffs = [...new Set(candidates.filter((t) => t.target !== t.base).map((t) => diffKey(t.base, t.target)))].filter((key) => cache.get(key) === undefined).map((key) => {
    const [, base, head] = key.split(":") as [string, string, string];
    return { base, head };
  });
  const targetPaths = await proveImported(ws, imported, targetDiffs, width, proofs);
  // A failed diff is not cached: the next run asks again, and this one treats the pair as possibly colliding.
  targetDiffs.forEach(({ base, head }, index) => targetPaths[index] && cache.set(diffKey(base, head), targetPaths[index]));
  const unverified = new Map<string, string>();
  for (const t of toProve) {
    const proof = proofs.get(t.session.id);
    if (proof && !proof.ok) unverified.set(t.session.id, proof.error);
    else if (proof?.ok) (cache.set(`verified:${t.head}`, true), cache.set(diffKey(t.base, t.head), proof.paths));
  }
  trace("radar: heads proven, diffs read");
  const tracked = candidates.filter((t) => !unverified.has(t.session.id));
  const indexes = new Map<string, PathIndex | null>();
  const changes = (from: string, to: string): PathIndex | null => {
    const key = diffKey(from, to);
    if (!indexes.has(key)) indexes.set(key, cache.get<string[]>(key) ? indexPaths(cache.get<string[]>(key)!) : null);
    return indexes.get(key)!;
  };
  // Unknown change lists (a failed diff) may collide with anything.
  const mayCollide = (x: PathIndex | null, y: PathIndex | null) => !x || !y || changesMayCollide(x, y);

  let skipped = 0;
  const needed = new Map<string, [string, string]>();
  const plan = (collide: boolean, ours: string, theirs: string) => {
    if (!collide) return (skipped += 1, null);
    needed.set(mergeKey(ours, theirs), [ours, theirs]);
    return mergeKey(ours, theirs);
  };
  const pairPlans = pairsOf(tracked).map(([a, b]) => ({ a, b, key: plan(a.head !== b.head && mayCollide(changes(a.base, a.head), changes(b.base, b.head)), a.head, b.head) }));
  const targetPlans = tracked.map((t) => ({ t, key: plan(t.target !== t.base && mayCollide(changes(t.base, t.head), changes(t.base, t.target)), t.target, t.head) }));
  const { mergeTrees, cached, failed } = await runMergeTrees(git, cache, needed, width);
  trace(`radar: ${mergeTrees} merge-tree(s), ${cached} cached`);
  const predicted = (key: string | null) => (key ? (cache.get<PredictedConflict[]>(key) ?? []) : []);
  // Additive field, present only when git could not predict (the pair is then listed whatever its scopes).
  const failure = (key: string | null) => (key && failed.has(key) ? { merge_error: failed.get(key)! } : {});

  const scopes = await scopePairs(live, cache);
  const byPair = new Map(pairPlans.map(({ a, b, key }) => [`${a.session.id}\0${b.session.id}`, key]));
  cache.save();
  const scans = await dirtyScans;
  trace("radar: dirty files read");
  const scanOf = new Map(scans.map((scan) => [scan.owner, scan]));
  return {
    sessions: live.map((session) => {
      const t = tracked.find((candidate) => candidate.session.id === session.id);
      const scan = scanOf.get(session.id);
      return { id: session.id, state: session.state, head: t?.head ?? null, target_ref: t?.targetRef ?? null, changed: t ? (changes(t.base, t.head)?.files.size ?? 0) : 0, dirty: scan?.files.length ?? 0, dirty_source: scan?.source ?? "none", nested: scan?.nested ?? [], scan_error: unverified.get(session.id) ?? scan?.error ?? null };
    }),
    pairs: scopes
      .map((pair) => {
        const key = byPair.get(`${pair.a}\0${pair.b}`) ?? null;
        return { ...pair, predicted_conflicts: predicted(key), ...failure(key) };
      })
      .filter((pair) => pair.scope_overlap !== null || pair.predicted_conflicts.length > 0 || "merge_error" in pair),
    targets: targetPlans.map(({ t, key }) => ({ session: t.session.id, target_ref: t.targetRef, predicted_conflicts: predicted(key), ...failure(key) })),
    dirty_overlaps: dirtyOverlaps(new Map(scans.map((scan) => [scan.owner, scan.files]))),
    stats: { merge_trees: mergeTrees, cached, skipped_disjoint: skipped, duration_ms: Math.round(performance.now() - started) },
  };
}
