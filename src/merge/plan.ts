// Pure merge-back decisions: collected facts in, what to write / whether blocked / exit code / commit shape out.
import { EXIT, type ExitCode } from "../errors.ts";
import type { ClassifiedConflict } from "./conflict-kinds.ts";
import type { Violation } from "./validate.ts";

export const STRATEGIES = ["merge", "squash", "ff"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface MergeBackFacts {
  dirtyFiles: string[];
  violations: Violation[];
  conflicts: ClassifiedConflict[];
  /** head == base: the session committed nothing. */
  empty: boolean;
}

export type MergeBackStatus = "dirty" | "empty" | "violations" | "conflicts" | "clean";

export interface MergeBackPlan {
  status: MergeBackStatus;
  writeArtifact: boolean;
  writeConflictReport: boolean;
  /** Session state to move to, or null to leave it. */
  transitionTo: "blocked" | null;
  exitCode: ExitCode;
}

export function planMergeBack(facts: MergeBackFacts): MergeBackPlan {
  if (facts.dirtyFiles.length) return { status: "dirty", writeArtifact: false, writeConflictReport: false, transitionTo: null, exitCode: EXIT.blocked };
  if (facts.empty) return { status: "empty", writeArtifact: false, writeConflictReport: false, transitionTo: null, exitCode: EXIT.ok };
  if (facts.violations.length) return { status: "violations", writeArtifact: true, writeConflictReport: facts.conflicts.length > 0, transitionTo: "blocked", exitCode: EXIT.blocked };
  if (facts.conflicts.length) return { status: "conflicts", writeArtifact: true, writeConflictReport: true, transitionTo: "blocked", exitCode: EXIT.blocked };
  return { status: "clean", writeArtifact: true, writeConflictReport: false, transitionTo: null, exitCode: EXIT.ok };
}

export interface CommitShape {
  /** "ff": no new commit, the target moves to head. */
  kind: "ff" | "commit";
  tree: string;
  parents: string[];
  message: string;
}

export interface ApplyInput {
  strategy: Strategy;
  sessionId: string;
  artifact: string;
  target: string;
  targetRef: string;
  head: string;
  mergeBase: string;
  mergedTree: string;
  subjects: string[];
}

export function trailers(sessionId: string, artifact: string): string {
  return `Handshake-Session: ${sessionId}\nHandshake-Artifact: ${artifact}\n`;
}

/** Returns the commit to create, or an error string when the strategy cannot apply. */
export function planCommit(input: ApplyInput): CommitShape | { error: string } {
  const branch = input.targetRef.replace(/^refs\/heads\//, "");
  const list = input.subjects.map((subject) => `- ${subject}`).join("\n");
  if (input.strategy === "ff") {
    if (input.mergeBase !== input.target) return { error: `${branch} has commits the session does not have; a fast-forward is impossible` };
    return { kind: "ff", tree: input.mergedTree, parents: [], message: "" };
  }
  if (input.strategy === "squash") {
    const message = `hs: squash session ${input.sessionId} into ${branch}\n\n${list}\n\n${trailers(input.sessionId, input.artifact)}`;
    return { kind: "commit", tree: input.mergedTree, parents: [input.target], message };
  }
  const message = `hs: merge session ${input.sessionId} into ${branch}\n\n${list}\n\n${trailers(input.sessionId, input.artifact)}`;
  return { kind: "commit", tree: input.mergedTree, parents: [input.target, input.head], message };
}
