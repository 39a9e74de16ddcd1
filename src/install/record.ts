// The install record: what hs changed, so that hs uninstall can put back exactly what was there.
// Lives in <common git dir>/hs/install.json, beside the hooks directory hs owns.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { writeJsonAtomic } from "../registry/atomic-write.ts";

export const INSTALL_SCHEMA = "hs.hooks-install@1";

export type ChainKind = "git-hooks" | "husky" | "lefthook" | "hooks-path";

export interface InstallRecord {
  schema: typeof INSTALL_SCHEMA;
  /** Absolute; core.hooksPath points here while hs is installed. */
  hooks_dir: string;
  /** core.hooksPath in <common>/config before hs init; null when it was unset. */
  previous_hooks_path: string | null;
  /** Where the hooks that were active before hs init live; each hs hook runs <chain_dir>/<name> after its check. */
  chain_dir: string;
  chain_kind: ChainKind;
  node: string;
  /** The script node runs (checked by hs doctor). */
  hs_js: string;
  entry: string[];
  /** hook name -> sha256 of the file hs wrote. */
  files: Record<string, string>;
  installed_at: string;
  hs_version: string;
}

export function hsStateDir(commonDir: string): string {
  return path.join(commonDir, "hs");
}

export function hooksDirFor(commonDir: string): string {
  return path.join(hsStateDir(commonDir), "hooks");
}

export function recordPath(commonDir: string): string {
  return path.join(hsStateDir(commonDir), "install.json");
}

export function readInstallRecord(commonDir: string): InstallRecord | undefined {
  const file = recordPath(commonDir);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HsError("HS-INSTALL-RECORD-INVALID", `${file} is not valid JSON`, { cause: error, hint: `inspect ${file}; hs init rewrites it when removed` });
  }
  const record = value as Partial<InstallRecord>;
  if (record.schema !== INSTALL_SCHEMA || typeof record.hooks_dir !== "string" || typeof record.chain_dir !== "string" || typeof record.files !== "object") {
    throw new HsError("HS-INSTALL-RECORD-INVALID", `${file} is not an ${INSTALL_SCHEMA} record`, { hint: `inspect ${file}; hs init rewrites it when removed` });
  }
  return record as InstallRecord;
}

export function writeInstallRecord(commonDir: string, record: InstallRecord): void {
  writeJsonAtomic(recordPath(commonDir), record);
}
