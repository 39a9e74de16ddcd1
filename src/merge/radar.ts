// hs conflicts: predicted conflicts between live sessions and against their targets, overlapping scopes, and files
// dirty in more than one worktree. No checkout is touched: merge-tree only writes objects.
import os from "node:os";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { isLive, listSessions, type SessionRecord } from "../registry/sessions.ts";
import { scopesMayOverlap } from "../scope/index.ts";
import { hostGit, splitZ } from "./git.ts";
import { importStores, proveImported, type Proof } from "./radar-proof.ts";
import { scanDirty as scanDirtyFiles, type DirtySource } from "./radar-dirty.ts";
import { pool } from "./pool.ts";
import { parseMergeTree } from "./merge-tree-parse.ts";
import { classifyConflicts } from "./conflict-kinds.ts";
import { changesMayCollide, dirtyOverlaps, indexPaths, pairsOf, type PathIndex } from "./radar-plan.ts";
import { RadarCache } from "./radar-cache.ts";
import { targetRefOf } from "./collect.ts";

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
  pairs: Array<{ a: string; b: string; scope_overlap: { example: string; globs: [string, string] } | null; predicted_conflicts: PredictedConflict[] }>;
  targets: Array<{ session: string; target_ref: string; predicted_conflicts: PredictedConflict[] }>;
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

async function radar(ws: Workspace, scanDirty: boolean): Promise<RadarReport> {
  const started = performance.now();
  const git = hostGit(ws.loc.mainRoot);
  const cache = new RadarCache(path.join(ws.loc.handshakeDir, "cache", "radar.json"));
  const refs = new Map(
    git.ok(["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/"]).split("\n").filter(Boolean).map((line) => [line.slice(0, line.lastIndexOf(" ")), line.slice(line.lastIndexOf(" ") + 1)] as [string, string]),
  );
  const live = listSessions(ws).filter((session) => isLive(session.state));
  const width = Math.max(2, os.cpus().length);
  const diffKey = (from: string, to: string) => `diff:${from}:${to}`;
  const candidates: Tracked[] = [];
  for (const session of live) {
    if (!session.branch) continue;
    const head = refs.get(session.branch.startsWith("refs/") ? session.branch : `refs/heads/${session.branch}`);
    const targetRef = session.target ? targetRefOf(session, undefined) : null;
    const target = targetRef ? refs.get(targetRef) : undefined;
    if (!head || !targetRef || !target) continue;
    candidates.push({ session, head, base: session.baseRev ?? target, targetRef, target });
  }
  // Session history is read only after its objects were imported by content and its tree proven complete (cached
  // per head and base). The proof's diff-tree is the head's change list too.
  const unverified = new Map<string, string>();
  const toProve = candidates.filter((t) => cache.get(`verified:${t.head}`) === undefined || cache.get(diffKey(t.base, t.head)) === undefined);
  const proofs = new Map<string, Proof>();
  // The imports are synchronous: done before the hosts are asked, so that no answer waits behind them.
  const imported = importStores(ws, toProve, proofs);
  // Dirty files come from the hosts (or status) while the proofs and diffs run: neither waits for the other.
  const dirtyScans = scanDirty ? scanDirtyFiles(ws, live, width) : Promise.resolve([]);
  await proveImported(ws, imported, width, proofs);
  for (const [id, proof] of proofs) {
    const t = candidates.find((candidate) => candidate.session.id === id)!;
    if (!proof.ok) unverified.set(id, proof.error);
    else (cache.set(`verified:${t.head}`, true), cache.set(diffKey(t.base, t.head), proof.paths));
  }
  const tracked = candidates.filter((t) => !unverified.has(t.session.id));
  let mergeTrees = 0;
  let cached = 0;
  let skipped = 0;

  const wanted = new Set<string>();
  for (const t of tracked) wanted.add(diffKey(t.base, t.target));
  const missing = [...wanted].filter((key) => cache.get(key) === undefined);
  const diffTasks = missing.map((key) => async () => {
    const [, from, to] = key.split(":") as [string, string, string];
    const result = await git.async(["diff", "--no-ext-diff", "-z", "--no-renames", "--name-only", from, to]);
    cache.set(key, splitZ(result.stdout));
  });
  const [scans] = await Promise.all([dirtyScans, pool(diffTasks, width)]);
  const changes = (from: string, to: string): PathIndex => indexPaths(cache.get<string[]>(diffKey(from, to)) ?? []);

  const mergeKey = (x: string, y: string) => `mt:${x < y ? `${x}:${y}` : `${y}:${x}`}`;
  const needed = new Map<string, [string, string]>();
  const pairPlans = pairsOf(tracked).map(([a, b]) => {
    const collide = a.head !== b.head && changesMayCollide(changes(a.base, a.head), changes(b.base, b.head));
    if (collide) needed.set(mergeKey(a.head, b.head), [a.head, b.head]);
    else skipped += 1;
    return { a, b, key: collide ? mergeKey(a.head, b.head) : null };
  });
  const targetPlans = tracked.map((t) => {
    const collide = t.target !== t.base && changesMayCollide(changes(t.base, t.head), changes(t.base, t.target));
    if (collide) needed.set(mergeKey(t.target, t.head), [t.target, t.head]);
    else skipped += 1;
    return { t, key: collide ? mergeKey(t.target, t.head) : null };
  });
  const mergeTasks = [...needed].filter(([key]) => (cache.get(key) === undefined ? true : (cached += 1, false))).map(([key, [ours, theirs]]) => async () => {
    mergeTrees += 1;
    const result = await git.async(["merge-tree", "--write-tree", "-z", "--messages", ours, theirs]);
    const conflicts = result.code === 1 ? classifyConflicts(parseMergeTree(result.stdout)).map(({ path: file, kind }) => ({ path: file, kind })) : [];
    cache.set(key, conflicts);
  });
  await pool(mergeTasks, width);
  const predicted = (key: string | null) => (key ? (cache.get<PredictedConflict[]>(key) ?? []) : []);

  const scopePairs = pairsOf(live).map(([a, b]) => {
    const overlap = scopesMayOverlap(a.scope, b.scope);
    return { a: a.id, b: b.id, scope_overlap: overlap.overlap ? { example: overlap.example, globs: overlap.globs } : null };
  });
  const conflictsByPair = new Map(pairPlans.map(({ a, b, key }) => [`${a.session.id}\0${b.session.id}`, predicted(key)]));
  cache.save();
  const dirtyMap = new Map(scans.map((scan) => [scan.owner, scan.files] as [string, string[]]));
  const scanOf = new Map(scans.map((scan) => [scan.owner, scan]));
  return {
    sessions: live.map((session) => {
      const t = tracked.find((candidate) => candidate.session.id === session.id);
      return { id: session.id, state: session.state, head: t?.head ?? null, target_ref: t?.targetRef ?? null, changed: t ? changes(t.base, t.head).files.size : 0, dirty: scanOf.get(session.id)?.files.length ?? 0, dirty_source: scanOf.get(session.id)?.source ?? "none", nested: scanOf.get(session.id)?.nested ?? [], scan_error: unverified.get(session.id) ?? scanOf.get(session.id)?.error ?? null };
    }),
    pairs: scopePairs
      .map((pair) => ({ ...pair, predicted_conflicts: conflictsByPair.get(`${pair.a}\0${pair.b}`) ?? [] }))
      .filter((pair) => pair.scope_overlap !== null || pair.predicted_conflicts.length > 0),
    targets: targetPlans.map(({ t, key }) => ({ session: t.session.id, target_ref: t.targetRef, predicted_conflicts: predicted(key) })),
    dirty_overlaps: dirtyOverlaps(dirtyMap),
    stats: { merge_trees: mergeTrees, cached, skipped_disjoint: skipped, duration_ms: Math.round(performance.now() - started) },
  };
}
