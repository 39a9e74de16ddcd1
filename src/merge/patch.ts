// The portable patch: `format-patch --binary` of base..head, which `git am` applies on base. format-patch drops merge
// commits, so a history with merges (e.g. the target merged in to resolve a conflict) is exported as one combined
// mail of `diff base head` instead — still `git am`-able on base and still reproducing head's tree.
import type { HostGit } from "./git.ts";

export const PATCH_FORMATS = ["format-patch --binary", "combined diff mail (history has merges)"] as const;
export type PatchFormat = (typeof PATCH_FORMATS)[number];

export function buildPatch(git: HostGit, base: string, head: string, subject: string): { bytes: Buffer; format: PatchFormat } {
  const merges = git.ok(["rev-list", "--merges", "--count", `${base}..${head}`]).trim();
  if (merges === "0") {
    const patch = git.buffer(["format-patch", "--binary", "--full-index", "--no-signature", "--stdout", `${base}..${head}`]);
    if (patch.code !== 0) throw new Error(`git format-patch failed: ${patch.stderr.trim()}`);
    return { bytes: patch.stdout, format: PATCH_FORMATS[0] };
  }
  const diff = git.buffer(["diff", "--no-ext-diff", "--binary", "--full-index", base, head]);
  if (diff.code !== 0) throw new Error(`git diff failed: ${diff.stderr.trim()}`);
  const author = git.ok(["log", "-1", "--format=%an <%ae>%n%aD", head]).trim().split("\n");
  const header = `From ${head} Mon Sep 17 00:00:00 2001\nFrom: ${author[0]}\nDate: ${author[1]}\nSubject: [PATCH] ${subject}\n\n---\n`;
  return { bytes: Buffer.concat([Buffer.from(header), diff.stdout, Buffer.from("-- \nhs\n\n")]), format: PATCH_FORMATS[1] };
}
