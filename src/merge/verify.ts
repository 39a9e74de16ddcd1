// hs merge-back verify DIR: recompute every hash in the artifact, then prove the patch applies on its recorded base
// and reproduces the recorded tree — in a temporary index, never touching any checkout.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HsError } from "../errors.ts";
import { hostGit, splitZ } from "./git.ts";
import { CONFLICTS_FILE, PROVENANCE_FILE, sha256 } from "./artifact.ts";
import { ConflictsSchema, ProvenanceSchema, type Provenance } from "./schemas.ts";

export interface VerifyCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  dir: string;
  checks: VerifyCheck[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Applies each mail of the patch with `git apply --cached` on a temporary index seeded from base; returns the tree. */
export function treeFromPatch(repoRoot: string, base: string, patchFile: string): { tree: string; blobs: Map<string, string> } | { error: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hs-verify-"));
  try {
    const git = hostGit(repoRoot, { GIT_INDEX_FILE: path.join(tmp, "index") });
    const mails = path.join(tmp, "mails");
    fs.mkdirSync(mails);
    git.ok(["mailsplit", "-o" + mails, patchFile]);
    git.ok(["read-tree", base]);
    for (const mail of fs.readdirSync(mails).sort()) {
      const file = path.join(mails, mail);
      if (!fs.readFileSync(file).includes("\ndiff --git ")) continue; // empty commit
      const result = git.run(["apply", "--cached", "--binary", file]);
      if (result.code !== 0) return { error: `patch ${mail} does not apply on ${base.slice(0, 12)}: ${result.stderr.trim().split("\n")[0]}` };
    }
    const blobs = new Map<string, string>();
    for (const entry of splitZ(git.ok(["ls-files", "-s", "-z"]))) {
      const [meta, file] = entry.split("\t") as [string, string];
      blobs.set(file, meta.split(" ")[1] as string);
    }
    return { tree: git.ok(["write-tree"]).trim(), blobs };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function verifyArtifact(dir: string, repoRoot: string, options: { recordedProvenanceSha?: string } = {}): VerifyResult {
  const provenanceFile = path.join(dir, PROVENANCE_FILE);
  if (!fs.existsSync(provenanceFile)) throw new HsError("HS-ARTIFACT-NOT-FOUND", `no ${PROVENANCE_FILE} in ${dir}`, { hint: "ls .handshake/artifacts/" });
  const checks: VerifyCheck[] = [];
  const parsed = ProvenanceSchema.safeParse(readJson(provenanceFile));
  checks.push({ check: "provenance.schema", ok: parsed.success, detail: parsed.success ? "hs.provenance@1" : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") });
  if (!parsed.success) return { ok: false, dir, checks };
  const provenance: Provenance = parsed.data;
  const patchFile = path.join(dir, provenance.patch.file);
  const patch = fs.existsSync(patchFile) ? fs.readFileSync(patchFile) : null;
  const patchSha = patch ? sha256(patch) : "(missing)";
  checks.push({ check: "patch.sha256", ok: patchSha === provenance.patch.sha256, detail: `${patchSha} vs recorded ${provenance.patch.sha256}` });
  checks.push({ check: "patch.bytes", ok: patch?.length === provenance.patch.bytes, detail: `${patch?.length ?? 0} vs recorded ${provenance.patch.bytes}` });
  if (provenance.conflicts) {
    const file = path.join(dir, provenance.conflicts.file);
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : null;
    const sha = bytes ? sha256(bytes) : "(missing)";
    checks.push({ check: "conflicts.sha256", ok: sha === provenance.conflicts.sha256, detail: `${sha} vs recorded ${provenance.conflicts.sha256}` });
    if (bytes) {
      const report = ConflictsSchema.safeParse(JSON.parse(bytes.toString("utf8")));
      checks.push({ check: "conflicts.schema", ok: report.success && report.data.conflicts.length === provenance.conflicts.count, detail: report.success ? `${report.data.conflicts.length} conflicts` : "invalid" });
    }
  } else if (fs.existsSync(path.join(dir, CONFLICTS_FILE))) {
    checks.push({ check: "conflicts.recorded", ok: false, detail: `${CONFLICTS_FILE} present but provenance records no conflicts` });
  }
  if (patch && patchSha === provenance.patch.sha256) {
    const result = treeFromPatch(repoRoot, provenance.git.base, patchFile);
    if ("error" in result) checks.push({ check: "patch.applies", ok: false, detail: result.error });
    else {
      checks.push({ check: "patch.reproduces-tree", ok: result.tree === provenance.git.head_tree, detail: `${result.tree} vs recorded ${provenance.git.head_tree}` });
      const wrong = provenance.files.filter((file) => (file.status === "D" ? result.blobs.has(file.path) : result.blobs.get(file.path) !== file.new_blob));
      checks.push({ check: "files.blob-ids", ok: wrong.length === 0, detail: wrong.length ? `mismatch: ${wrong.map((file) => file.path).slice(0, 10).join(", ")}` : `${provenance.files.length} file(s) match` });
    }
  }
  if (options.recordedProvenanceSha) {
    const sha = sha256(fs.readFileSync(provenanceFile));
    checks.push({ check: "provenance.sha256", ok: sha === options.recordedProvenanceSha, detail: `${sha} vs recorded in devcc.db ${options.recordedProvenanceSha}` });
  }
  return { ok: checks.every((check) => check.ok), dir, checks };
}
