import fc from "fast-check";

// Glob segments chosen to hit every branch of the model, including what it must treat as complex.
const GLOB_SEGMENTS = [
  "a", "b", "ab", ".a", "a.ts", "a!b", "{a}", "*", "**", "***", "*.ts", "*.md", "a*", "*a", "a*b", "?", "a?",
  "{a,b}", "{a,b/c}", "{a/**,b}", "{**,a}", "{a,b}/**", "*/**", "a*/**", "{a,b*}/**", "{*.ts,a}", "{a,b*}", "{a,.a}", "{a..c}", "{1..2}", '"a"', '"*.ts"', "a$", "^a", "a|b", "a!b", "{a..c}", "x{a,b}", "*.{ts,md}", "{,a}", "[ab]", "[!a]*", "a**", "**a", "**.ts", "a/**b", "@(a|b)", "!(a)", "+(a)", ".",
] as const;

const PATH_SEGMENTS = ["a", "b", "c", "ab", "aa", "ba", ".a", "a.ts", ".ts", "b.md", "x", "a!b", "{a}", "a*b", "1", "[ab]", "*.ts", '"a"', "a|b", "^a"] as const;

export const globArb = fc
  .tuple(fc.array(fc.constantFrom(...GLOB_SEGMENTS), { minLength: 1, maxLength: 4 }), fc.constantFrom("", "", "", "!", "./"), fc.constantFrom("", "", "", "/"))
  .map(([segments, lead, trail]) => lead + segments.join("/") + trail);

export const scopeArb = fc.array(globArb, { minLength: 1, maxLength: 2 });

/** Every path of up to `depth` names from `names`: exhaustive, so a miss cannot hide. */
function allPaths(names: readonly string[], depth: number): string[] {
  const out: string[] = [];
  const grow = (prefix: string, left: number): void => {
    for (const name of names) {
      const path = prefix === "" ? name : `${prefix}/${name}`;
      out.push(path);
      if (left > 1) grow(path, left - 1);
    }
  };
  grow("", depth);
  return out;
}

// Wide and shallow, plus narrow and deep (four names reach past a four-segment glob's `**`).
export const ALL_PATHS: readonly string[] = [...allPaths(PATH_SEGMENTS, 3), ...allPaths(["a", "b", ".a", "a.ts", "xa", "c"], 4)];
