// git's own options before the subcommand (git.c handle_options): exact spellings only, no
// abbreviation. Relative paths are kept raw and resolved against the final cwd by the caller.
import { resolve } from "node:path";

export interface ConfigSetting {
  key: string;
  value?: string;
  source: "-c" | "--config-env" | "env" | "persistent";
}

export interface Globals {
  cwd: string;
  gitDir?: string;
  workTree?: string;
  bare: boolean;
  namespace?: string;
  execPath?: string;
  literalPathspecs: boolean;
  icasePathspecs: boolean;
  config: ConfigSetting[];
  /** Prints something and exits before any subcommand (`--version`, `--exec-path`, `-h`). */
  printsOnly: boolean;
  problems: string[];
}

const PRINTS = new Set(["--html-path", "--man-path", "--info-path", "--exec-path", "-v", "--version", "-h", "--help"]);
const BENIGN = new Set([
  "-p", "--paginate", "-P", "--no-pager", "--no-replace-objects", "--glob-pathspecs", "--no-optional-locks",
]);
const VALUED = ["--git-dir", "--work-tree", "--namespace", "--super-prefix", "--config-env", "--shallow-file"] as const;

export function emptyGlobals(cwd: string): Globals {
  return { cwd, bare: false, literalPathspecs: false, icasePathspecs: false, config: [], printsOnly: false, problems: [] };
}

function pushConfig(g: Globals, spec: string, source: ConfigSetting["source"]): void {
  const eq = spec.indexOf("=");
  g.config.push(eq < 0 ? { key: spec, source } : { key: spec.slice(0, eq), value: spec.slice(eq + 1), source });
}

/** Consumes global options from the front of `argv`; returns the index of the subcommand. */
/** `chdir` target of `-C`: the caller resolves it as the kernel would (symlinks, then `..`). */
export type DirResolver = (base: string, value: string) => string;

export function parseGlobals(argv: readonly string[], g: Globals, env: Record<string, string | undefined>, cd: DirResolver = resolve): number {
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("-")) break;
    if (BENIGN.has(arg)) continue;
    if (arg === "--literal-pathspecs" || arg === "--noglob-pathspecs") g.literalPathspecs = true;
    else if (arg === "--icase-pathspecs") g.icasePathspecs = true;
    else if (arg === "--bare") g.bare = true;
    else if (PRINTS.has(arg)) {
      g.printsOnly = true;
      return argv.length;
    } else if (arg.startsWith("--exec-path=")) g.execPath = arg.slice("--exec-path=".length);
    else if (arg.startsWith("--list-cmds=")) {
      g.printsOnly = true;
      return argv.length;
    } else if (arg === "-C" || arg === "-c") {
      const value = argv[++i];
      if (value === undefined) g.problems.push(arg);
      else if (arg === "-C") g.cwd = value === "" ? g.cwd : cd(g.cwd, value);
      else pushConfig(g, value, "-c");
    } else {
      const name = VALUED.find((v) => arg === v || arg.startsWith(`${v}=`));
      if (name === undefined) {
        g.problems.push(arg);
        continue;
      }
      const value = arg === name ? argv[++i] : arg.slice(name.length + 1);
      if (value === undefined) {
        g.problems.push(arg);
        continue;
      }
      // Kept raw: git resolves a relative GIT_DIR/GIT_WORK_TREE against the cwd after every -C.
      if (name === "--git-dir") g.gitDir = value;
      else if (name === "--work-tree") g.workTree = value;
      else if (name === "--namespace") g.namespace = value;
      else if (name === "--config-env") {
        const eq = value.indexOf("=");
        if (eq < 0) g.problems.push(arg);
        else g.config.push({ key: value.slice(0, eq), value: env[value.slice(eq + 1)] ?? "", source: "--config-env" });
      } else g.problems.push(arg); // --super-prefix, --shallow-file: internal plumbing knobs
    }
  }
  return i;
}
