// The Secret Redactor: every Flight Recorder payload passes through it before anything is persisted.
// It works on strings (argv elements, env lines, messages) and recursively on objects and arrays.
export const REDACTED = "[REDACTED]";

// Token shapes that are secrets wherever they appear; the recognisable prefix is kept so the log still says what it was.
const TOKEN_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, `-----BEGIN $1PRIVATE KEY-----${REDACTED}-----END $1PRIVATE KEY-----`],
  [/\bgithub_pat_[A-Za-z0-9_]{10,}/g, `github_pat_${REDACTED}`],
  [/\b(gh[pousr]_)[A-Za-z0-9]{10,}/g, `$1${REDACTED}`],
  [/\b(sk-(?:[A-Za-z]{1,16}-)?)[A-Za-z0-9_-]{10,}/g, `$1${REDACTED}`],
  [/\b((?:AKIA|ASIA))[0-9A-Z]{16}\b/g, `$1${REDACTED}`],
  [/\b(xox[bpars]-)[A-Za-z0-9-]{6,}/g, `$1${REDACTED}`],
  [/\b(glpat-)[A-Za-z0-9_-]{10,}/g, `$1${REDACTED}`],
  [/\b(Authorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Digest)\s+)[^\s"']+/gi, `$1${REDACTED}`],
  [/\b(Authorization["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic|Token|Digest)\s)(?!\[REDACTED\])[^\s"']+/gi, `$1${REDACTED}`],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`],
  // credentials inside URLs: scheme://user:secret@host
  [/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@]{1,256}:)[^\s/@]{1,1024}@/gi, `$1${REDACTED}@`],
];

// key=value / key: value where the key ends in a secret word (PASSWORD=…, --token=…, GITHUB_TOKEN=…, "api_key": "…").
// Only the word itself is matched (not the key's prefix): a prefix like [A-Za-z_]* would backtrack quadratically on long text.
const SECRET_ASSIGNMENT =
  /(password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)(["']?\s*[=:]\s*)("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s&;,'"]+)/gi;

// Key names whose value is a secret, matched per word of the key (so max_tokens or tokens_used stay readable).
const SECRET_WORDS = new Set(["password", "passwd", "passphrase", "secret", "token", "apikey", "authorization", "cookie", "credential", "credentials", "privatekey", "accesskey", "secretkey"]);
const SECRET_PAIRS = new Set(["api_key", "access_key", "private_key", "secret_key", "client_secret", "session_key", "auth_token", "set_cookie"]);
// argv flags whose *next* element is the secret: --password hunter2
const SECRET_FLAG = /^--?[A-Za-z0-9_-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)$/i;

// Payload keys repeat (argv, env names); remembering the answer keeps redaction off the append path's profile.
const keyVerdicts = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    verdict = classifyKey(key);
    if (keyVerdicts.size < 4096) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

function classifyKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  for (let i = 0; i + 1 < words.length; i += 1) if (SECRET_PAIRS.has(`${words[i]}_${words[i + 1]}`)) return true;
  return SECRET_WORDS.has(words.join(""));
}

// One cheap scan that every pattern above needs to match; most strings fail it and skip the replacements.
const MAYBE_SECRET = /BEGIN|gh[pousr]_|github_pat_|sk-|AKIA|ASIA|xox|glpat-|bearer|authorization|:\/\/|pass|secret|token|key|credential/i;

export function redactString(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(SECRET_ASSIGNMENT, (match, key: string, sep: string, value: string) =>
    value.includes(REDACTED) || /^(?:true|false|null)$/i.test(value) ? match : `${key}${sep}${quoteLike(value)}`,
  );
}

function quoteLike(value: string): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : "";
  return `${quote}${REDACTED}${quote}`;
}

const MAX_DEPTH = 32;

/** A redacted deep copy: plain data only (cycles and over-deep values become markers), safe to persist. */
export function redactValue(value: unknown, depth = 0, seen: Set<object> = new Set()): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated: too deep]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return redactArray(value, depth, seen);
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === "function") return redactValue(withJson.toJSON(), depth, seen);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[redactString(key)] = isSecretKey(key) && item !== null && item !== undefined && typeof item !== "boolean" ? REDACTED : redactValue(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function redactArray(items: unknown[], depth: number, seen: Set<object>): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const previous = items[i - 1];
    const secretFollows = i > 0 && typeof previous === "string" && SECRET_FLAG.test(previous) && typeof items[i] === "string";
    out.push(secretFollows ? REDACTED : redactValue(items[i], depth + 1, seen));
  }
  return out;
}
