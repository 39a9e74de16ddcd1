// Colour only for a person at a terminal: never with NO_COLOR, --no-color, --json, TERM=dumb or a pipe.
export const STYLES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
export type Style = keyof typeof STYLES;

export interface ColourContext {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  argv: readonly string[];
}

/** Pure decision; only the options before `--` are hs's own. */
export function colourWanted({ isTTY, env, argv }: ColourContext): boolean {
  const split = argv.indexOf("--");
  const own = split < 0 ? argv : argv.slice(0, split);
  if (own.includes("--json") || own.includes("--no-color")) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return isTTY;
}

let argv: readonly string[] = [];

export function configureColour(hsArgv: readonly string[]): void {
  argv = hsArgv;
}

export function paint(stream: "stdout" | "stderr", style: Style, text: string): string {
  const isTTY = Boolean(stream === "stdout" ? process.stdout.isTTY : process.stderr.isTTY);
  return colourWanted({ isTTY, env: process.env, argv }) ? `\x1b[${STYLES[style]}m${text}\x1b[0m` : text;
}
