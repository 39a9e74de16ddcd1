// The environment a git invocation inherits: config injected through GIT_CONFIG_*, programs git
// would run, and variables that move the repository, index or object store.
import { HARMLESS_PROGRAMS } from "./config-keys.ts";
import type { RuleId } from "./rules.ts";
import type { ConfigSetting } from "./git-globals.ts";

type Env = Record<string, string | undefined>;

/** Parses GIT_CONFIG_PARAMETERS (`'key'='value' 'key'`), or null when it is malformed. */
export function parseConfigParameters(text: string): ConfigSetting[] | null {
  const out: ConfigSetting[] = [];
  let i = 0;
  const quoted = (): string | null => {
    if (text[i] !== "'") return null;
    let s = "";
    i++;
    for (;;) {
      const end = text.indexOf("'", i);
      if (end < 0) return null;
      s += text.slice(i, end);
      i = end + 1;
      // '\'' continues the same word with a literal quote.
      if (text.startsWith("\\''", i)) {
        s += "'";
        i += 3;
      } else return s;
    }
  };
  while (i < text.length) {
    if (text[i] === " ") {
      i++;
      continue;
    }
    const first = quoted();
    if (first === null) return null;
    if (text[i] === "=") {
      i++;
      const value = quoted();
      if (value === null) return null;
      out.push({ key: first, value, source: "env" });
    } else {
      const eq = first.indexOf("=");
      out.push(eq < 0 ? { key: first, source: "env" } : { key: first.slice(0, eq), value: first.slice(eq + 1), source: "env" });
    }
  }
  return out;
}

export interface EnvConfig {
  settings: ConfigSetting[];
  problems: RuleId[];
}

export function envConfig(env: Env): EnvConfig {
  const settings: ConfigSetting[] = [];
  const problems: RuleId[] = [];
  const params = env.GIT_CONFIG_PARAMETERS;
  if (params !== undefined && params !== "") {
    const parsed = parseConfigParameters(params);
    if (parsed === null) problems.push("git.config.file");
    else settings.push(...parsed);
  }
  const count = env.GIT_CONFIG_COUNT;
  if (count !== undefined && count !== "") {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 0 || n > 10000) problems.push("git.config.file");
    else {
      for (let k = 0; k < n; k++) {
        const key = env[`GIT_CONFIG_KEY_${k}`];
        if (key === undefined) problems.push("git.config.file");
        else settings.push({ key, value: env[`GIT_CONFIG_VALUE_${k}`] ?? "", source: "env" });
      }
    }
  }
  for (const name of ["GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG"]) {
    const v = env[name];
    if (v !== undefined && v !== "" && v !== "/dev/null") problems.push("git.config.file");
  }
  return { settings, problems };
}

const ALWAYS_COMMAND = ["GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "GIT_PROXY_COMMAND"];
const EDITOR_LIKE = ["GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_PAGER"];

export function envCommandRules(env: Env): RuleId[] {
  const out: RuleId[] = [];
  if (ALWAYS_COMMAND.some((n) => (env[n] ?? "") !== "")) out.push("git.env.command");
  if (EDITOR_LIKE.some((n) => env[n] !== undefined && !HARMLESS_PROGRAMS.has((env[n] as string).trim()))) out.push("git.env.command");
  if ((env.GIT_EXEC_PATH ?? "") !== "") out.push("git.exec-path");
  // ext:: runs a shell command as a transport; it is off unless protocol config or this allows it.
  if (/(^|:)ext(:|$)/.test(env.GIT_ALLOW_PROTOCOL ?? "")) out.push("git.env.command");
  if ((env.GIT_NAMESPACE ?? "") !== "") out.push("git.namespace");
  const redirects = ["GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE"];
  if (redirects.some((n) => (env[n] ?? "") !== "")) out.push("git.env.redirect");
  return out;
}
