// Pure: given what is on disk and in git config, decide what hs init writes. No effects here.
import { createHash } from "node:crypto";
import path from "node:path";
import { GIT_HOOK_NAMES, PRESENCE_SENSITIVE_HOOKS } from "./hook-names.ts";
import { isHsManaged, LIB_NAME, renderHook, type Templates } from "./render.ts";
import { INSTALL_SCHEMA, type ChainKind, type InstallRecord } from "./record.ts";

export interface InstallInputs {
  commonDir: string;
  mainRoot: string;
  hooksDir: string;
  /** core.hooksPath in <common>/config (null: unset). */
  localHooksPath: string | null;
  /** core.hooksPath as git resolves it from every config level, ~ expanded (null: unset). */
  effectiveHooksPath: string | null;
  record: InstallRecord | undefined;
  /** hook name -> current content of <hooksDir>/<name>, null when absent. */
  existing: Record<string, string | null>;
  /** Names present (executable or not) in the chain dir the plan ends up with. */
  chainNames: (chainDir: string) => ReadonlySet<string>;
  chainKind: (chainDir: string) => ChainKind;
  templates: Templates;
  node: string;
  /** See RenderInput.entry; entry[0] is the script file. */
  entry: string[];
  /** See RenderInput.client and hostSocket. */
  client?: string;
  hostSocket?: string;
  now: string;
  version: string;
}

export interface InstallPlan {
  record: InstallRecord;
  writes: { name: string; content: string }[];
  removes: string[];
  /** Files in the hs hooks dir that hs did not write: hs refuses to touch them. */
  foreign: string[];
  setHooksPath: boolean;
  recordChanged: boolean;
}

export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

export function planInstall(input: InstallInputs): InstallPlan {
  const ours = input.localHooksPath !== null && samePath(input.localHooksPath, input.hooksDir);
  // Re-running init while hs is active keeps the original "before" state; if something else took
  // core.hooksPath over since (husky's prepare script), that is the setup to chain and restore now.
  const previous = ours ? (input.record?.previous_hooks_path ?? null) : input.localHooksPath;
  const chainDir = ours
    ? (input.record?.chain_dir ?? path.join(input.commonDir, "hooks"))
    : (input.effectiveHooksPath ?? path.join(input.commonDir, "hooks"));
  const chainNames = input.chainNames(chainDir);
  const hooks = GIT_HOOK_NAMES.filter((name) => !(PRESENCE_SENSITIVE_HOOKS as readonly string[]).includes(name) || chainNames.has(name));
  const wanted = [...hooks, LIB_NAME];

  const writes: InstallPlan["writes"] = [];
  const foreign: string[] = [];
  const files: Record<string, string> = {};
  for (const name of wanted) {
    const render = { chainDir, node: input.node, entry: input.entry, hooksDir: input.hooksDir, mainRoot: input.mainRoot, client: input.client, hostSocket: input.hostSocket };
    const content = renderHook(input.templates, { hook: name, ...render });
    files[name] = sha256(content);
    const current = input.existing[name] ?? null;
    if (current === content) continue;
    if (current !== null && !isHsManaged(current)) foreign.push(name);
    else writes.push({ name, content });
  }
  const removes = Object.entries(input.existing)
    .filter(([name, content]) => content !== null && !(name in files) && isHsManaged(content))
    .map(([name]) => name);

  const base = {
    schema: INSTALL_SCHEMA,
    hooks_dir: input.hooksDir,
    previous_hooks_path: previous,
    chain_dir: chainDir,
    chain_kind: input.chainKind(chainDir),
    node: input.node,
    hs_js: input.entry[0] ?? "",
    entry: input.entry,
    files,
    hs_version: input.version,
  } as const;
  const recordChanged = !input.record || !sameRecord(input.record, base);
  const record: InstallRecord = { ...base, installed_at: recordChanged ? input.now : (input.record?.installed_at ?? input.now) };
  return { record, writes, removes, foreign, setHooksPath: !ours, recordChanged };
}

export function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

function sameRecord(a: InstallRecord, b: Omit<InstallRecord, "installed_at">): boolean {
  const keys = Object.keys(b) as (keyof typeof b)[];
  return keys.every((key) => JSON.stringify(sorted(a[key])) === JSON.stringify(sorted(b[key])));
}

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)));
}
