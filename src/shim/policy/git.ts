// git argv -> Decision: global options, environment, alias expansion, then the subcommand rule.
import { resolve } from "node:path";
import { splitCmdline } from "./alias.ts";
import { configKeyRule, neutralSetting } from "./config-keys.ts";
import { decide, finding, type Finding } from "./decide.ts";
import { checkAbs, checkPathspecs, type GitCall } from "./git-call.ts";
import { envCommandRules, envConfig } from "./git-env.ts";
import { emptyGlobals, parseGlobals, type ConfigSetting, type Globals } from "./git-globals.ts";
import { isInside, where } from "./locate.ts";
import { rawJoin } from "./realpath.ts";
import { GIT_COMMANDS, READ_ONLY_COMMANDS } from "./tables/git-commands.ts";
import { GIT_RULES } from "./git-rules/index.ts";
import { readOnly } from "./git-rules/read-only.ts";
import type { Decision, GateContext } from "./types.ts";

const MAX_ALIAS_DEPTH = 16;

function aliasValue(ctx: GateContext, config: ConfigSetting[], name: string): string | undefined {
  const key = `alias.${name.toLowerCase()}`;
  const injected = config.filter((s) => s.key.toLowerCase() === key).at(-1);
  if (injected) return injected.value ?? "";
  return ctx.aliases[name.toLowerCase()];
}

/** Where git will really look: cwd after -C, and the git dir / work tree overrides. */
function repositoryFindings(ctx: GateContext, g: Globals): Finding[] {
  const out: Finding[] = [];
  const cwdWhere = where(ctx, g.cwd);
  if (["other-worktree", "main", "git-internal"].includes(cwdWhere)) {
    out.push(finding(cwdWhere === "main" ? "scope.main-checkout" : cwdWhere === "git-internal" ? "scope.git-internals" : "scope.other-worktree", [g.cwd]));
  } else if (cwdWhere === "outside" || cwdWhere === "ancestor") out.push(finding("scope.outside", [g.cwd]));
  const gitDirRaw = g.gitDir ?? ctx.env.GIT_DIR;
  const gitDir = g.bare ? g.cwd : gitDirRaw === undefined || gitDirRaw === "" ? undefined : rawJoin(g.cwd, gitDirRaw);
  if (gitDir !== undefined) {
    const own = [ctx.session.gitDir, resolve(ctx.session.worktree, ".git")];
    const real = ctx.realpath(gitDir);
    if (!own.some((d) => d === resolve(gitDir) || ctx.realpath(d) === real)) {
      const w = where(ctx, gitDir);
      const rule = w === "other-worktree" ? "scope.other-worktree" : w === "main" ? "scope.main-checkout" : w === "git-internal" || w === "ancestor" ? "scope.git-internals" : w === "outside" ? "scope.outside" : "git.env.redirect";
      out.push(finding(rule, [gitDir], "git dir"));
    }
  }
  const workTreeRaw = g.workTree ?? ctx.env.GIT_WORK_TREE;
  if (workTreeRaw !== undefined && workTreeRaw !== "") {
    const workTree = rawJoin(g.cwd, workTreeRaw);
    if (ctx.realpath(workTree) !== ctx.realpath(ctx.session.worktree)) {
      out.push(...checkAbs(fakeCall(ctx, g), workTree, "write"));
      out.push(finding("scope.outside", [workTree], "--work-tree is not the session worktree"));
    }
  }
  const index = ctx.env.GIT_INDEX_FILE;
  if (index !== undefined && index !== "") {
    const abs = rawJoin(g.cwd, index);
    const mine = isInside(ctx.realpath(abs), ctx.realpath(ctx.session.gitDir)) || where(ctx, abs) === "in-scope";
    if (!mine) out.push(...checkAbs(fakeCall(ctx, g), abs, "write"), finding("git.env.redirect", [abs], "GIT_INDEX_FILE"));
  }
  return out;
}

function fakeCall(ctx: GateContext, g: Globals): GitCall {
  return { ctx, sub: "", args: [], cwd: g.cwd, top: ctx.session.worktree, literalPathspecs: g.literalPathspecs, icasePathspecs: g.icasePathspecs, config: g.config };
}

function configFindings(g: Globals, sub: string | undefined): Finding[] {
  const readOnlySub = sub !== undefined && READ_ONLY_COMMANDS.has(sub);
  return g.config.flatMap((s) => {
    if (s.source === "persistent" || neutralSetting(s.key, s.value, readOnlySub)) return [];
    const rule = configKeyRule(s.key, s.value, true);
    return rule === null ? [] : [finding(rule, undefined, `${s.key}${s.value === undefined ? "" : `=${s.value}`}`)];
  });
}

export function classifyGit(ctx: GateContext): Decision {
  const g = emptyGlobals(resolve(ctx.cwd));
  const env = envConfig(ctx.env);
  const persistent = Object.entries(ctx.config ?? {}).map(([key, value]): ConfigSetting => ({ key, value, source: "persistent" }));
  g.config.push(...persistent, ...env.settings);
  const findings: Finding[] = env.problems.map((rule) => finding(rule));
  findings.push(...envCommandRules(ctx.env).map((rule) => finding(rule)));
  let argv = ctx.argv.slice(1);
  let sub: string | undefined;
  for (let depth = 0; ; depth++) {
    const at = parseGlobals(argv, g, ctx.env, (base, value) => ctx.realpath(rawJoin(base, value)));
    if (g.printsOnly) return decide(ctx, [], "safe.help");
    sub = argv[at];
    argv = argv.slice(at + 1);
    if (sub === undefined || GIT_COMMANDS.has(sub)) break;
    const value = aliasValue(ctx, g.config, sub);
    if (value === undefined) return decide(ctx, [finding("git.subcommand.unknown", undefined, sub)], "safe.read-only", sub);
    if (value.trimStart().startsWith("!")) return decide(ctx, [finding("git.alias.shell", undefined, `${sub} = ${value}`)], "safe.read-only", sub);
    const words = splitCmdline(value);
    if (words === null || words.length === 0 || depth >= MAX_ALIAS_DEPTH) {
      return decide(ctx, [finding("git.subcommand.unknown", undefined, `alias ${sub}`)], "safe.read-only", sub);
    }
    argv = [...words, ...argv];
  }
  if (g.problems.length > 0) findings.push(finding("git.parse.unrecognised", undefined, g.problems.join(" ")));
  findings.push(...configFindings(g, sub));
  if (g.execPath !== undefined) findings.push(finding("git.exec-path"));
  if (g.namespace !== undefined) findings.push(finding("git.namespace"));
  findings.push(...repositoryFindings(ctx, g));
  // GIT_TRACE*=/abs/path appends trace output (pack data for GIT_TRACE_PACKFILE) to that file.
  for (const [name, value] of Object.entries(ctx.env)) {
    if (name.startsWith("GIT_TRACE") && value !== undefined && value.startsWith("/")) findings.push(...checkAbs(fakeCall(ctx, g), value, "write"));
  }
  // ext:: and fd:: transports run a command / talk to a descriptor instead of a remote.
  if (argv.some((a) => /^(ext|fd)::/.test(a))) findings.push(finding("git.command.exec", undefined, "ext:: transport"));
  if (sub === undefined) return decide(ctx, findings, "safe.help");
  const call: GitCall = { ...fakeCall(ctx, g), sub, args: argv };
  if (argv[0] === "--help" || argv[0] === "-h") return decide(ctx, findings, "safe.help", sub);
  if (sub === "help") return decide(ctx, findings, "safe.help", sub);
  const rule = GIT_RULES[sub];
  // Whatever a subcommand does with them, words after `--` are paths: none may leave the session.
  const dd = argv.indexOf("--");
  const tail = dd < 0 ? [] : checkPathspecs(call, argv.slice(dd + 1), "pathspec-read");
  if (rule !== undefined) return decide(ctx, [...findings, ...rule(call), ...tail], "safe.in-scope", sub);
  if (READ_ONLY_COMMANDS.has(sub)) return decide(ctx, [...findings, ...readOnly(call)], "safe.read-only", sub);
  return decide(ctx, [...findings, finding("git.subcommand.unvetted", undefined, sub)], "safe.read-only", sub);
}
