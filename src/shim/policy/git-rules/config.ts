// `git config`: reads are free; writes are judged by the key they touch and the file they land in.
import { finding, type Finding } from "../decide.ts";
import { configKeyRule } from "../config-keys.ts";
import { checkFile } from "../git-call.ts";
import { has, values } from "../options.ts";
import { parse, type GitRule } from "./common.ts";

const READS = ["get", "get-all", "get-regexp", "get-urlmatch", "list", "get-color", "get-colorbool"];
const KEYED_WRITES = ["add", "replace-all", "unset", "unset-all"];

function keyFinding(key: string | undefined, value?: string): Finding[] {
  if (key === undefined) return [];
  const rule = configKeyRule(key, value);
  return rule === null ? [] : [finding(rule, undefined, key)];
}

// git 2.46+ spells the modes as subcommands (`git config set k v`); 2.39 reads them as a key.
const MODE_WORDS: Record<string, string | null> = {
  get: "--get", list: "--list", set: null, unset: "--unset", "rename-section": "--rename-section",
  "remove-section": "--remove-section", edit: "--edit",
};

const config: GitRule = (call) => {
  const first = call.args.find((a) => !a.startsWith("-"));
  const mode = first === undefined ? undefined : MODE_WORDS[first];
  const args = mode === undefined ? call.args : call.args.filter((a) => a !== first).concat(mode === null ? [] : [mode]);
  const { p, findings } = parse(args, "config");
  const files = values(p, "file");
  if (READS.some((o) => has(p, o)) || (p.operands.length === 1 && !KEYED_WRITES.some((o) => has(p, o)) && !has(p, "remove-section") && !has(p, "edit"))) {
    return [...findings, ...files.flatMap((f) => checkFile(call, f, "read"))];
  }
  findings.push(...files.flatMap((f) => checkFile(call, f, "write")));
  if (has(p, "global") || has(p, "system")) findings.push(finding("scope.outside", undefined, "global or system git config"));
  if (has(p, "edit")) return [...findings, finding("git.config.edit")];
  if (has(p, "remove-section")) return [...findings, finding("git.config.risky", undefined, `remove-section ${p.operands[0] ?? ""}`)];
  if (has(p, "rename-section")) return [...findings, finding("git.config.risky", undefined, `rename-section ${p.operands.join(" ")}`)];
  return [...findings, ...keyFinding(p.operands[0], p.operands[1])];
};

export const CONFIG_RULES: Record<string, GitRule> = { config };
