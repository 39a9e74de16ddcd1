// Many base..head tree diffs in one `git diff-tree --stdin` (one process and one repository set-up instead of one
// per pair), read from the shared store like `headTreeDiff`. The batch is trusted only when it is complete: git
// skips a line whose commit it cannot find, and dies on a missing tree, so any error output, a non-zero exit or a
// header that is not the expected one makes the whole batch null: the caller then runs `headTreeDiff` per pair,
// which names what failed.
import { HARDENED_CONFIG_ARGS } from "./hardened.ts";
import { neutralGitEnv } from "./neutral-env.ts";
import { runGit } from "./run.ts";
import { noIndexFile, parseTreeDiff, type HeadTreeDiff } from "./object-import.ts";

export interface TreePair {
  base: string;
  head: string;
}

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Pure: `diff-tree --stdin --always -r -z` output -> one section per header, in order: [header, raw output]. */
export function splitStdinDiff(stdout: string): Array<{ header: string; body: string }> {
  const fields = stdout.split("\0");
  const out: Array<{ header: string; body: string }> = [];
  let body: string[] = [];
  for (let at = 0; at < fields.length; at += 1) {
    const field = fields[at]!;
    if (field.startsWith(":")) {
      body.push(field, fields[at + 1] ?? "");
      at += 1;
    } else if (field !== "" || at < fields.length - 1) {
      if (out.length) out[out.length - 1]!.body = body.join("\0");
      out.push({ header: field, body: "" });
      body = [];
    }
  }
  if (out.length) out[out.length - 1]!.body = body.join("\0");
  return out;
}

/** `pairs[i]` -> its changed paths and new-side blob ids; null when the batch is not complete and clean. */
export async function treeDiffBatch(commonDir: string, pairs: readonly TreePair[]): Promise<HeadTreeDiff[] | null> {
  if (!pairs.length) return [];
  if (!pairs.every(({ base, head }) => OID.test(base) && OID.test(head))) return null;
  // No index (noIndexFile): tree-to-tree raw output never reads it.
  const env = neutralGitEnv(process.env, { GIT_DIR: commonDir, GIT_INDEX_FILE: noIndexFile(commonDir), GIT_NO_REPLACE_OBJECTS: "1", GIT_OPTIONAL_LOCKS: "0" });
  const args = [...HARDENED_CONFIG_ARGS, "diff-tree", "--no-ext-diff", "--no-textconv", "--stdin", "--always", "-r", "-z", "--no-renames", "--no-abbrev"];
  // `<head> <base>` reads as "head, whose parent is base": the diff base..head under a header naming head.
  const input = pairs.map(({ base, head }) => `${head} ${base}\n`).join("");
  const result = await runGit({ args, cwd: commonDir, env, input });
  const sections = result.code === 0 && result.stderr.trim() === "" ? splitStdinDiff(result.stdout) : [];
  const complete = sections.length === pairs.length && sections.every((section, index) => section.header === pairs[index]!.head);
  return complete ? sections.map((section) => ({ ...parseTreeDiff(section.body), error: null })) : null;
}
