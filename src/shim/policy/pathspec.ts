// git pathspecs -> absolute paths: `:/`, `:(top)`, `:!`/`:^`/`:(exclude)`, `:(glob)`, `:(icase)`,
// `:(literal)`, `:(attr:...)`. A wildcard pattern stands for its static directory prefix.
import { resolve } from "node:path";

export interface Pathspec {
  /** The absolute path the pathspec can reach (for a glob: its static prefix directory). */
  abs: string;
  exclude: boolean;
  /** True when git may treat it as a pattern (so it can match more than one path). */
  pattern: boolean;
  /** `:(icase)`: matches regardless of case, so `.gov/x` can reach `.GOV/x`. */
  icase: boolean;
}

const WILDCARD = /[*?[\\]/;

export function parsePathspec(spec: string, cwd: string, top: string, literalByDefault = false, icaseByDefault = false): Pathspec {
  let body = spec;
  let fromTop = false;
  let exclude = false;
  let literal = literalByDefault;
  let icase = icaseByDefault;
  if (body.startsWith(":(")) {
    const close = body.indexOf(")");
    const words = (close < 0 ? body.slice(2) : body.slice(2, close)).split(",").map((w) => w.trim().toLowerCase());
    body = close < 0 ? "" : body.slice(close + 1);
    for (const w of words) {
      if (w === "top") fromTop = true;
      else if (w === "exclude") exclude = true;
      else if (w === "literal") literal = true;
      else if (w === "glob") literal = false;
      else if (w === "icase") icase = true;
    }
  } else if (body.startsWith(":") && body.length > 1 && !/^:[A-Za-z0-9]/.test(body)) {
    // Short magic: a run of mnemonic characters up to an optional second ':'.
    let i = 1;
    while (i < body.length && "/!^".includes(body[i] as string)) {
      if (body[i] === "/") fromTop = true;
      else exclude = true;
      i++;
    }
    if (body[i] === ":") i++;
    body = body.slice(i);
  } else if (body === ":") {
    body = "";
  } else if (body.startsWith(":") && /^:[A-Za-z0-9]/.test(body)) {
    body = body.slice(1);
  }
  const base = fromTop ? top : cwd;
  const pattern = !literal && WILDCARD.test(body);
  let staticPart = body;
  if (pattern) {
    const cut = body.search(WILDCARD);
    const slash = body.lastIndexOf("/", cut);
    staticPart = slash < 0 ? "" : body.slice(0, slash);
  }
  return { abs: resolve(base, staticPart), exclude, pattern, icase };
}
