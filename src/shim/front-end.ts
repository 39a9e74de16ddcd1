// The compiled shim front end (src/shim/front-end.c, built into dist/hs-shim): each session gets a copy whose
// config block holds the same tables its sh shim is rendered from, so the two take the fast path on the same
// calls; every other call goes to the sh shim, installed beside it. Without a compiled front end (no C compiler
// at build time) the sh shim is installed as before.
import fs from "node:fs";
import { packagePath } from "../package-root.ts";
import { FAST_PATH } from "./policy/fast-path.ts";
import { pattern, toleratedEnv, unsafeEnvNames } from "./fast-path-sh.ts";
import { RM_FLAGS, RM_UNSAFE_OPERANDS, rmFastPathPatterns } from "./rm-fast-path.ts";
import type { ShimTool, ShimValues } from "./render.ts";

const PLACEHOLDER = /HS-SHIM-CONFIG-PLACEHOLDER\/(\d+)\//g;
const MAGIC = "hs-shim-config@1";

/** dist/hs-shim when the build compiled it. */
export function compiledFrontEnd(): string | undefined {
  const file = packagePath("dist", "hs-shim");
  return fs.existsSync(file) ? file : undefined;
}

/**
 * An sh `case` pattern as an fnmatch(3) pattern: quoted characters become backslash-escaped literals, unquoted
 * ones keep their meaning. Only the forms the shim's generators emit are accepted.
 */
export function shPatternToGlob(sh: string): string {
  let out = "";
  for (let i = 0; i < sh.length; i += 1) {
    const char = sh[i]!;
    if (char === "'") {
      const close = sh.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unterminated quote in sh pattern ${JSON.stringify(sh)}`);
      for (const quoted of sh.slice(i + 1, close)) out += /[*?[\]\\]/.test(quoted) ? `\\${quoted}` : quoted;
      i = close;
    } else if (char === "\\") {
      if (i + 1 >= sh.length) throw new Error(`trailing backslash in sh pattern ${JSON.stringify(sh)}`);
      out += `\\${sh[i + 1]}`;
      i += 1;
    } else if (/["$`(){}|&;<>\s]/.test(char)) {
      throw new Error(`sh pattern ${JSON.stringify(sh)} holds ${JSON.stringify(char)}, which is not translated`);
    } else {
      out += char;
    }
  }
  return out;
}

function list(items: readonly string[]): string[] {
  return [String(items.length), ...items];
}

/** The config block of one tool's front end (the layout src/shim/front-end.c parses). */
export function frontEndConfig(tool: ShimTool, values: ShimValues, shShim: string, fast = FAST_PATH): Buffer {
  const git = tool === "git";
  const rm = rmFastPathPatterns(tool === "rm" ? values.scope : [], values.governance);
  const tolerated = git ? toleratedEnv(fast) : [];
  const forms = git ? fast.listingForms : [];
  const fields = [
    MAGIC,
    tool,
    values.real,
    shShim,
    values.worktree,
    git ? values.gitConfig ?? "" : "",
    ...list(git ? unsafeEnvNames(fast) : []),
    String(tolerated.length),
    ...tolerated.flatMap(([name, allowed]) => [name, ...list(allowed)]),
    ...list(git ? fast.globalOptions : []),
    ...list(git ? fast.subcommands : []),
    ...list(git ? fast.unsafeArgPatterns.map(pattern) : []),
    String(forms.length),
    ...forms.flatMap((form) => [
      ...("second" in form ? [form.subcommand, "1", form.second] : [form.subcommand, "0", ""]),
      ...list(form.allowedArgs),
    ]),
    ...list(git ? [] : RM_FLAGS),
    ...list(git ? [] : RM_UNSAFE_OPERANDS.map((operand) => (operand === "" ? "" : pattern(operand)))),
    ...list(git ? [] : rm.slow.map(shPatternToGlob)),
    ...list(git ? [] : rm.scope.map(shPatternToGlob)),
    "end",
  ];
  for (const field of fields) {
    if (field.includes("\0")) throw new Error(`front-end config field ${JSON.stringify(field)} holds a NUL byte`);
  }
  return Buffer.from(fields.map((field) => `${field}\0`).join(""));
}

/** The front end binary with `config` written into its placeholder; undefined when it does not fit or is not ours. */
export function patchFrontEnd(binary: Buffer, config: Buffer): Buffer | undefined {
  const text = binary.toString("latin1");
  const found = [...text.matchAll(PLACEHOLDER)];
  if (found.length !== 1) return undefined;
  const at = found[0]!.index!;
  const size = Number(found[0]![1]);
  if (config.length + 1 > size || at + size > binary.length) return undefined;
  const out = Buffer.from(binary);
  out.fill(0, at, at + size);
  config.copy(out, at);
  return out;
}

/** The session's front end for `tool`, or undefined (no compiled front end, or its config does not fit). */
export function renderFrontEnd(
  tool: ShimTool,
  values: ShimValues,
  shShim: string,
  binary = compiledFrontEnd(),
): Buffer | undefined {
  if (!binary) return undefined;
  return patchFrontEnd(fs.readFileSync(binary), frontEndConfig(tool, values, shShim));
}
