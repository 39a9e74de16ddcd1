// Finds the subcommand and the -C directory in a git argv, for previews only (the policy engine does
// the real parsing). Global options that take a separate value are skipped with their value.
const GLOBAL_WITH_VALUE = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix", "--list-cmds"]);

export function splitGitArgv(args: string[]): { subcommand?: string; args: string[]; cwd?: string } {
  let cwd: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "-C") {
      cwd = cwd ? `${cwd}/${args[i + 1] ?? ""}` : args[i + 1];
      i += 1;
    } else if (GLOBAL_WITH_VALUE.has(arg)) i += 1;
    else if (!arg.startsWith("-")) return { subcommand: arg, args: args.slice(i + 1), cwd };
  }
  return { args: [], cwd };
}
