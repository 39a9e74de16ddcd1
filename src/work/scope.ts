// An MT's files.modify ∪ files.create is the scope of a session created from it (pure).
import { HsError } from "../errors.ts";
import { normalizeScope } from "../sessions/plan.ts";
import { scopeIsWithin } from "../scope/index.ts";
import type { MicroTask } from "./mt-model.ts";

export function mtScope(mt: Pick<MicroTask, "mt_id" | "files">): string[] {
  const globs = [...mt.files.modify, ...mt.files.create];
  if (!globs.length) {
    throw new HsError("HS-SCOPE-INVALID", `${mt.mt_id} lists no files to modify or create, so it gives no scope`, {
      hint: `hs mt show ${mt.mt_id}`,
    });
  }
  return normalizeScope(globs);
}

/** The scope of a session bound to the MT: the MT's, or an explicit one provably within it. */
export function sessionScopeFor(mt: Pick<MicroTask, "mt_id" | "files">, explicit: readonly string[]): string[] {
  const scope = mtScope(mt);
  if (!explicit.length) return scope;
  const wanted = normalizeScope(explicit);
  const within = scopeIsWithin(wanted, scope);
  if (!within.ok) {
    throw new HsError(
      "HS-SCOPE-WIDER-THAN-MT",
      `--scope '${within.glob}' may match '${within.example}', which ${mt.mt_id}'s files do not cover`,
      {
        hint: `hs session create --mt ${mt.mt_id}   (the scope is taken from the task: ${scope.join(" ")})`,
        details: { mt_id: mt.mt_id, mt_scope: scope, glob: within.glob, example: within.example },
      },
    );
  }
  return wanted;
}
