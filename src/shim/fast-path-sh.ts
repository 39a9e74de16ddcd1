// Turns the policy's FAST_PATH data into the POSIX sh fragments of the git shim. Every word is either
// single-quoted (exact match) or checked to hold only glob characters that are safe unquoted.
import { FAST_PATH } from "./policy/fast-path.ts";
import { shQuote } from "./shell-quote.ts";

// git 2.39 reads exactly these GIT_TRACE* variables (strings /usr/bin/git, plus libcurl's two in
// git-remote-http); listing them replaces an environment scan, which would cost a fork on the fast path.
// GIT_CONFIG_KEY_n/VALUE_n are read only when GIT_CONFIG_COUNT is set, which is checked itself.
const KNOWN_BY_PREFIX: Record<string, readonly string[]> = {
  GIT_TRACE: [
    "GIT_TRACE", "GIT_TRACE2", "GIT_TRACE2_BRIEF", "GIT_TRACE2_CONFIG_PARAMS", "GIT_TRACE2_DST_DEBUG", "GIT_TRACE2_ENV_VARS",
    "GIT_TRACE2_EVENT", "GIT_TRACE2_EVENT_BRIEF", "GIT_TRACE2_EVENT_NESTING", "GIT_TRACE2_MAX_FILES", "GIT_TRACE2_PARENT_NAME",
    "GIT_TRACE2_PARENT_SID", "GIT_TRACE2_PERF", "GIT_TRACE2_PERF_BRIEF", "GIT_TRACE_BARE", "GIT_TRACE_FSMONITOR", "GIT_TRACE_PACKET",
    "GIT_TRACE_PACKFILE", "GIT_TRACE_PACK_ACCESS", "GIT_TRACE_PERFORMANCE", "GIT_TRACE_REDACT", "GIT_TRACE_REFS", "GIT_TRACE_SETUP",
    "GIT_TRACE_SHALLOW", "GIT_TRACE_WORKING_TREE_ENCODING", "GIT_TRACE_CURL", "GIT_TRACE_CURL_NO_DATA",
  ],
  GIT_CONFIG_KEY_: [],
  GIT_CONFIG_VALUE_: [],
};

// Values the policy itself treats as harmless for these variables (src/shim/policy/git-env.ts: config
// files of /dev/null, common non-interactive pagers and editors). With them set, read-only git stays on
// the fast path; test/shim/fast-path-env.test.ts proves classify() allows `git status` with each.
export const TOLERATED_VALUES: Record<string, readonly string[]> = {
  GIT_CONFIG_GLOBAL: ["/dev/null"],
  GIT_CONFIG_SYSTEM: ["/dev/null"],
  GIT_CONFIG: ["/dev/null"],
  GIT_PAGER: ["", "cat", "less", "less -R", "less -FRX", "more", "true"],
  GIT_EDITOR: ["", "cat", "true", ":", "vi", "vim", "nano"],
  GIT_SEQUENCE_EDITOR: ["", "cat", "true", ":", "vi", "vim", "nano"],
};

/** The tolerated variables this FAST_PATH checks, with the values each may hold (unset is always fine). */
export function toleratedEnv(fast = FAST_PATH): [name: string, values: readonly string[]][] {
  return Object.entries(TOLERATED_VALUES).filter(([name]) => (fast.unsafeEnv as readonly string[]).includes(name));
}

/**
 * sh lines: each tolerated variable is either unset or one of its tolerated values, else the slow path. The
 * subject is "set:VALUE" or ":" so that no value can pass for "unset" (a sentinel string could).
 */
export function toleratedEnvSh(fast = FAST_PATH): string {
  return toleratedEnv(fast)
    .map(([name, values]) => {
      variable(name);
      const patterns = [":", ...values.map((value) => `set:${value === "" ? "''" : shQuote(value)}`)];
      return `case "\${${name}+set}:\${${name}-}" in ${patterns.join("|")}) ;; *) hs_gate "$@" ;; esac`;
    })
    .join("\n");
}

/** A FAST_PATH pattern, emitted unquoted: only characters whose meaning sh `case` and fnmatch(3) share. */
export function pattern(glob: string): string {
  if (!/^[A-Za-z0-9*?./=_-]+$/.test(glob)) throw new Error(`fast-path pattern ${JSON.stringify(glob)} is not safe to emit unquoted`);
  return glob;
}

function variable(name: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`bad environment variable name ${name}`);
  return `\${${name}+x}`;
}

/** Variables whose mere presence sends the call to the slow path (the tolerated ones are checked by value). */
export function unsafeEnvNames(fast = FAST_PATH): string[] {
  const names = new Set<string>(fast.unsafeEnv.filter((name) => !(name in TOLERATED_VALUES)));
  for (const prefix of fast.unsafeEnvPrefixes) {
    const known = KNOWN_BY_PREFIX[prefix];
    if (!known) throw new Error(`no known variable list for prefix ${prefix}`);
    for (const name of known) names.add(name);
  }
  return [...names];
}

export function unsafeEnvTest(fast = FAST_PATH): string {
  return unsafeEnvNames(fast).map(variable).join("");
}

export function listingFormsSh(fast = FAST_PATH): string {
  return fast.listingForms
    .map((form) => {
      const second = "second" in form ? form.second : undefined;
      const skip = second ? "$((hs_s + 1))" : "$hs_s";
      const secondTest = second ? ` && eval "hs_2=\\\${$((hs_s + 1))-}" && [ "$hs_2" = ${shQuote(second)} ]` : "";
      return [
        `if [ "$hs_sub" = ${shQuote(form.subcommand)} ]${secondTest}; then`,
        `  hs_ok=1; hs_i=0`,
        `  for hs_arg in "$@"; do`,
        `    hs_i=$((hs_i + 1))`,
        `    [ "$hs_i" -le ${skip} ] && continue`,
        `    case "$hs_arg" in ${form.allowedArgs.map(shQuote).join("|")}) ;; *) hs_ok=0 ;; esac`,
        `  done`,
        `  [ "$hs_ok" = 1 ] && hs_fast "$@"`,
        `fi`,
      ].join("\n");
    })
    .join("\n");
}

export function fastPathReplacements(fast = FAST_PATH): Record<string, string> {
  return {
    "@UNSAFE_ENV@": unsafeEnvTest(fast),
    "@TOLERATED_ENV@": toleratedEnvSh(fast),
    "@GLOBAL_OPTIONS@": fast.globalOptions.map(shQuote).join("|"),
    "@UNSAFE_ARGS@": fast.unsafeArgPatterns.map(pattern).join("|"),
    "@SUBCOMMANDS@": fast.subcommands.map(shQuote).join("|"),
    "@LISTING_FORMS@": listingFormsSh(fast),
  };
}
