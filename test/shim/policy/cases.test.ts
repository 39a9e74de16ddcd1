// One line per case, beyond the public vectors: spellings git and rm accept that hide the same
// danger. Each row: expected decision, expected rule, argv (string = split on spaces), options.
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify, type GateDecision } from "../../../src/shim/policy/index.ts";
import { buildFixture, type Fixture } from "./fixture.ts";

interface Opts {
  cwd?: string;
  env?: Record<string, string>;
  aliases?: Record<string, string>;
  scope?: string[];
  config?: Record<string, string>;
}
type Row = [GateDecision, string, string | string[], Opts?];

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
  mkdirSync(join(fx.dir, "outside"));
  symlinkSync("../s2", join(fx.w, "link-s2"));
  symlinkSync(".GOV", join(fx.w, "link-gov"));
  symlinkSync(join(fx.dir, "outside"), join(fx.w, "link-out"));
  symlinkSync("../../main-repo", join(fx.w, "link-main"));
  symlinkSync("src", join(fx.w, "link-src"));
});
afterAll(() => fx.cleanup());

function run(rows: Row[]) {
  it.each(rows.map((r) => [typeof r[2] === "string" ? r[2] : r[2].join(" "), r] as const))("%s", (_name, [want, rule, argv, opts = {}]) => {
    const ctx = fx.ctx(typeof argv === "string" ? argv.split(" ") : argv, opts.cwd ?? ".", {
      env: opts.env ?? {},
      ...(opts.aliases ? { aliases: opts.aliases } : {}),
      ...(opts.config ? { config: opts.config } : {}),
    });
    if (opts.scope) ctx.session.scope = opts.scope;
    const d = classify(ctx);
    expect(`${d.decision} ${d.rule}`, d.reason).toBe(`${want} ${rule === "*" ? d.rule : rule}`);
  });
}

describe("git: option spellings", () => run([
  ["ask", "git.reset.hard", "git reset --ha"],
  ["ask", "git.parse.unrecognised", "git reset --hard=x"],
  ["ask", "git.reset.merge", "git reset --kee"],
  ["allow", "safe.in-scope", "git reset --soft"],
  ["allow", "safe.in-scope", "git reset -q HEAD -- src/app.ts"],
  ["ask", "git.pull.rebase", "git pull -r"],
  ["ask", "git.pull.rebase", "git pull --reb"],
  ["allow", "safe.in-scope", "git pull --rebase=false"],
  ["allow", "safe.in-scope", "git pull --no-rebase"],
  ["ask", "git.pull.rebase", "git pull", { config: { "pull.rebase": "true" } }],
  ["ask", "git.push.force", "git push origin +HEAD:hs/s1/work"],
  ["ask", "git.push.delete", "git push origin :feature"],
  ["allow", "safe.in-scope", "git push origin :"],
  ["ask", "git.push.mirror", "git push --mirror origin"],
  ["ask", "git.push.prune", "git push --prune origin"],
  ["ask", "git.push.force", "git push --force-w origin hs/s1/work"],
  ["ask", "git.parse.unrecognised", "git push --fo origin"],
  ["ask", "git.push.delete", "git push origin feature --delete"],
  ["allow", "safe.in-scope", "git push -fn origin hs/s1/work"],
  ["ask", "git.parse.unrecognised", "git push --no-v"],
  ["ask", "git.command.exec", "git push --receive-pack=evil origin"],
  ["ask", "git.command.exec", "git push --exec=evil -n origin"],
  ["ask", "git.push.force", "git push", { config: { "remote.origin.push": "+refs/heads/*:refs/heads/*" } }],
  ["ask", "git.ref.outside-session", "git fetch origin main:main"],
  ["ask", "git.fetch.force", "git fetch origin +hs/s1/work:hs/s1/work"],
  ["allow", "safe.in-scope", "git fetch origin main:refs/remotes/origin/main"],
  ["ask", "git.fetch.force", "git fetch --prune-tags origin"],
  ["ask", "git.command.exec", "git fetch --upload-pack=evil origin"],
  ["ask", "git.checkout.discard", "git checkout -- ."],
  ["ask", "git.checkout.discard", "git checkout HEAD -- src"],
  ["ask", "git.checkout.force", "git checkout -B hs/s1/x"],
  ["ask", "git.checkout.discard", "git checkout --no-overlay main -- src"],
  ["ask", "git.checkout.discard", "git checkout --pathspec-from-file=paths.txt"],
  ["ask", "git.checkout.discard", "git checkout src/*.ts"],
  ["ask", "git.checkout.discard", "git checkout feature src/app.ts"],
  ["ask", "git.ref.outside-session", "git checkout -b topic"],
  ["ask", "git.restore.worktree", "git restore -W src/app.ts"],
  ["ask", "git.restore.worktree", "git restore -p src/app.ts"],
  ["ask", "git.restore.worktree", "git restore --sou=HEAD src"],
  ["allow", "safe.in-scope", "git restore -S -s HEAD~1 src/app.ts"],
  ["ask", "git.switch.discard", "git switch --disc feature"],
  ["ask", "git.branch.force", "git switch -C hs/s1/x"],
  ["ask", "git.ref.outside-session", "git switch -c main2"],
  ["ask", "git.branch.force-delete", "git branch -df unmerged"],
  ["ask", "git.branch.force-delete", "git branch -fd unmerged"],
  ["ask", "git.branch.force-delete", "git branch --delete --force unmerged"],
  ["ask", "git.branch.force", "git branch -M feature unmerged"],
  ["ask", "git.branch.force", "git branch -f main HEAD~1"],
  ["ask", "git.ref.outside-session", "git branch newbranch"],
  ["ask", "git.ref.outside-session", "git branch -m hs/s1/work elsewhere"],
  ["allow", "safe.in-scope", "git branch hs/s1/next"],
  ["allow", "safe.in-scope", "git branch -u origin/main"],
  ["ask", "git.stash.drop", "git stash drop stash@{1}"],
  ["ask", "git.stash.drop", "git stash clear"],
  ["allow", "safe.in-scope", "git stash -q"],
  ["allow", "safe.in-scope", "git stash apply stash@{0}"],
  ["ask", "git.worktree.add-outside", "git worktree add ../s3"],
  ["ask", "git.worktree.move", "git worktree move . ../moved"],
  ["deny", "scope.other-worktree", "git worktree remove ../s2"],
  ["ask", "git.worktree.admin", "git worktree lock ../s2"],
  ["ask", "git.hooks.bypass", "git commit -anm wip"],
  ["ask", "git.hooks.bypass", "git commit -qn -m x"],
  ["ask", "git.hooks.bypass", "git commit --no-verify -m x"],
  ["allow", "safe.in-scope", "git commit --verify -m x"],
  ["allow", "safe.in-scope", "git commit --amend --no-edit"],
  ["allow", "safe.in-scope", "git commit -mn"],
  ["allow", "safe.in-scope", "git commit -m x --allow-empty-message"],
  ["ask", "git.hooks.bypass", "git merge --no-verify feature"],
  ["ask", "git.parse.unrecognised", "git merge --no-veri feature"],
  ["ask", "git.sequencer.abort", "git merge --abort"],
  ["ask", "git.sequencer.abort", "git cherry-pick --abort"],
  ["ask", "git.sequencer.abort", "git am --skip"],
  ["ask", "git.clean", "git clean -i"],
  ["ask", "git.clean", "git clean -e x -f"],
  ["ask", "git.clean", "git clean -n --no-dry-run -f"],
  ["allow", "safe.in-scope", "git clean -f -n"],
  ["allow", "safe.in-scope", "git clean --dry-run -fdx"],
  ["ask", "git.plumbing.read-tree", "git read-tree -mu HEAD"],
  ["ask", "git.plumbing.checkout-index", "git checkout-index -fa"],
  ["deny", "scope.other-worktree", "git checkout-index --prefix=../s2/ -a"],
  ["ask", "git.plumbing.update-ref", "git update-ref -d refs/heads/feature"],
  ["ask", "git.plumbing.update-ref", "git update-ref refs/heads/main HEAD"],
  ["allow", "safe.in-scope", "git update-ref refs/heads/hs/s1/x HEAD"],
  ["ask", "git.reflog.expire", "git reflog expire --expire=now --all"],
  ["ask", "git.reflog.expire", "git reflog delete HEAD@{1}"],
  ["allow", "safe.in-scope", "git reflog"],
  ["ask", "git.gc.prune", "git gc --prune=now"],
  ["ask", "git.gc.prune", "git gc --pru"],
  ["allow", "safe.in-scope", "git gc"],
  ["ask", "git.gc.prune", "git prune"],
  ["ask", "git.history.rewrite", "git filter-branch --tree-filter true HEAD"],
  ["ask", "git.plumbing.symbolic-ref", "git symbolic-ref HEAD refs/heads/main"],
  ["allow", "safe.in-scope", "git symbolic-ref --short HEAD"],
  ["ask", "git.sparse-checkout", "git sparse-checkout set src"],
  ["ask", "git.submodule.foreach", "git submodule foreach rm -rf ."],
  ["ask", "git.submodule.discard", "git submodule deinit -f --all"],
  ["ask", "git.tag.rewrite", "git tag -d v1"],
  ["ask", "git.tag.rewrite", "git tag -f v1"],
  ["ask", "git.notes.remove", "git notes remove HEAD"],
  ["ask", "git.remote.change", "git remote remove origin"],
  ["ask", "git.remote.change", "git remote set-url origin https://evil.example/x.git"],
  ["ask", "git.command.exec", "git bisect run make"],
  ["ask", "git.command.exec", "git difftool"],
  ["ask", "git.maintenance", "git maintenance start"],
  ["ask", "git.mv.force", "git mv -f src/old.ts src/app.ts"],
  ["allow", "safe.in-scope", "git mv src/old.ts src/older.ts"],
  ["ask", "scope.outside", "git apply --unsafe-paths x.patch"],
]));

describe("git: config, aliases, environment", () => run([
  ["deny", "git.alias.shell", "git x", { aliases: { x: "!rm -rf ../s2" } }],
  ["deny", "git.alias.shell", "git X", { aliases: { x: " !sh" } }],
  ["ask", "git.checkout.discard", "git co .", { aliases: { co: "checkout" } }],
  ["ask", "git.reset.hard", "git a1", { aliases: { a1: "a2", a2: "reset --hard" } }],
  ["ask", "git.hooks.bypass", "git y -m x", { aliases: { y: "-c core.hooksPath=/dev/null commit" } }],
  ["allow", "safe.in-scope", "git ci -m x", { aliases: { ci: "commit" } }],
  ["ask", "git.stash.drop", "git sd", { aliases: { sd: "stash 'drop'" } }],
  ["deny", "git.subcommand.unknown", "git loop", { aliases: { loop: "loop" } }],
  ["deny", "git.subcommand.unknown", "git lfs push"],
  ["deny", "git.subcommand.unknown", "git rset --hard"],
  ["ask", "git.config.command", "git -c core.fsmonitor=evil status"],
  ["ask", "git.config.command", "git -c CORE.FSMONITOR=evil status"],
  ["ask", "git.config.command", "git -c includeIf.gitdir:/.path=/tmp/x status"],
  ["ask", "git.config.command", "git -c diff.external=evil diff"],
  ["ask", "git.config.command", "git -c pager.log=evil log"],
  ["allow", "safe.read-only", "git -c core.pager=cat log -1"],
  ["allow", "safe.in-scope", "git -c core.editor=true commit --amend"],
  ["ask", "git.config.command", "git -c core.sshCommand=evil fetch"],
  ["ask", "git.config.risky", "git -c core.worktree=../s2 status"],
  ["ask", "git.config.risky", "git -c remote.origin.url=../../main-repo push"],
  ["ask", "git.config.risky", "git -c core.bare=true status"],
  ["allow", "safe.read-only", "git -c core.quotepath=off -c color.ui=auto log -1"],
  ["ask", "git.hooks.bypass", "git --config-env=core.hooksPath=HOME commit -m x"],
  ["ask", "git.config.command", "git --config-env core.pager=EVIL log", { env: { EVIL: "rm -rf ../s2" } }],
  ["ask", "git.hooks.bypass", "git commit -m x", { env: { GIT_CONFIG_PARAMETERS: "'core.hookspath'='/dev/null'" } }],
  ["ask", "git.hooks.bypass", "git commit -m x", { env: { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "core.hooksPath", GIT_CONFIG_VALUE_0: "/dev/null" } }],
  ["ask", "git.config.file", "git status", { env: { GIT_CONFIG_GLOBAL: "/tmp/evil" } }],
  ["allow", "safe.read-only", "git status", { env: { GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" } }],
  ["ask", "git.env.command", "git fetch", { env: { GIT_SSH_COMMAND: "rm -rf ../s2" } }],
  ["ask", "git.env.command", "git diff", { env: { GIT_EXTERNAL_DIFF: "evil" } }],
  ["allow", "safe.in-scope", "git commit -m x", { env: { GIT_EDITOR: "true" } }],
  ["ask", "git.namespace", "git push", { env: { GIT_NAMESPACE: "x" } }],
  ["ask", "git.namespace", "git --namespace=x push"],
  ["ask", "git.exec-path", "git --exec-path=/tmp status"],
  ["allow", "safe.help", "git --exec-path"],
  ["allow", "safe.help", "git --version"],
  ["allow", "safe.help", "git"],
  ["allow", "safe.help", "git reset --help"],
  ["allow", "safe.help", "git help reset"],
  ["ask", "git.parse.unrecognised", "git --bogus status"],
  ["deny", "git.alias.shell", "git config --add alias.x !sh"],
  ["ask", "git.config.command", "git config --add alias.x status"],
  ["ask", "git.config.command", "git config core.fsmonitor true"],
  ["ask", "git.config.edit", "git config -e"],
  ["ask", "git.hooks.bypass", "git config --unset core.hooksPath"],
  ["ask", "git.config.risky", "git config --rename-section foo alias"],
  ["ask", "git.config.risky", "git config pull.rebase true"],
  ["ask", "scope.outside", "git config --global user.name x"],
  ["deny", "scope.other-worktree", "git config --file ../s2/x.cfg a.b c"],
  ["allow", "safe.in-scope", "git config user.name Dev"],
  ["allow", "safe.in-scope", "git config core.hooksPath"],
]));

describe("git: where it reaches", () => run([
  ["ask", "git.reset.hard", "git --git-dir=.git --work-tree=. reset --hard"],
  ["deny", "scope.git-internals", "git status", { env: { GIT_DIR: "../../main-repo/.git" } }],
  ["deny", "scope.other-worktree", "git checkout .", { env: { GIT_WORK_TREE: "../s2" } }],
  ["deny", "scope.git-internals", "git add src/app.ts", { env: { GIT_INDEX_FILE: "../../main-repo/.git/index" } }],
  ["deny", "scope.other-worktree", "git --git-dir=../s2/.git log"],
  ["deny", "scope.git-internals", "git -C ../../main-repo/.git log"],
  ["deny", "scope.other-worktree", "git -C ../s2/src log"],
  ["deny", "scope.other-worktree", "git -C link-s2 status"],
  ["deny", "scope.main-checkout", "git -C link-main status"],
  ["deny", "scope.other-worktree", "git -C link-s2/../s2 status"],
  ["deny", "scope.other-worktree", "git diff --output=link-s2/../s2/x.diff"],
  ["deny", "scope.other-worktree", "git --git-dir=link-s2/../s2/.git status"],
  ["ask", "scope.outside", "git -C /tmp status"],
  ["ask", "scope.outside", "git --work-tree=../../outside status"],
  ["ask", "git.env.redirect", "git --bare status"],
  ["ask", "git.env.redirect", "git --git-dir=fake.git --work-tree=. status"],
  ["ask", "scope.outside", "git log --output=../x.log"],
  ["ask", "scope.outside", "git diff --out=../x.diff"],
  ["allow", "safe.read-only", "git diff --output=out.diff"],
  ["allow", "safe.read-only", "git diff --output-indicator-new=+"],
  ["deny", "scope.other-worktree", "git diff --no-index ../s2/README.md README.md"],
  ["deny", "scope.other-worktree", "git blame --contents ../s2/README.md src/app.ts"],
  ["deny", "scope.other-worktree", "git status -- ../s2"],
  ["ask", "git.command.exec", "git grep -O evil export"],
  ["ask", "git.command.exec", "git grep --open-files-in-pager=vi export"],
  ["ask", "git.command.exec", "git grep --op=vi export"],
  ["ask", "git.command.exec", "git ls-remote --u=evil origin"],
  ["ask", "git.command.exec", "git clone --template=tpl https://example.com/y.git"],
  ["ask", "git.command.exec", "git ls-remote --upload-pack=evil origin"],
  ["ask", "scope.outside", "git archive --output=../../x.tar HEAD"],
  ["ask", "scope.outside", "git archive -o../x.tar HEAD"],
  ["ask", "scope.outside", "git bundle create /tmp/hs-x.bundle HEAD"],
  ["ask", "scope.outside", "git format-patch -o ../out HEAD~1"],
  ["deny", "scope.other-worktree", "git clone ../s2 sub"],
  ["ask", "scope.outside", "git clone https://example.com/y.git ../y"],
  ["allow", "safe.in-scope", "git clone https://example.com/y.git"],
  ["ask", "scope.outside", "git init ../newrepo"],
  ["deny", "scope.other-worktree", "git fetch ../s2"],
  ["deny", "scope.main-checkout", "git push ../../main-repo hs/s1/work"],
  ["deny", "scope.governance", "git commit -m x -- .GOV/policy.md"],
  ["deny", "scope.governance", "git add -- :(top).GOV/policy.md"],
  ["deny", "scope.governance", "git add :/.GOV/"],
  ["deny", "scope.governance", "git add :(glob).GOV/**"],
  ["deny", "scope.governance", "git add .GOV/*"],
  ["deny", "scope.governance", "git add :(icase).gov/policy.md"],
  ["deny", "scope.governance", "git add src/../.GOV/policy.md"],
  ["deny", "scope.governance", "git add link-gov/policy.md"],
  ["allow", "safe.in-scope", "git add :!.GOV"],
  ["allow", "safe.in-scope", "git add .GOVERNANCE.md src"],
  ["deny", "scope.governance", "git mv src/app.ts .GOV/app.ts"],
  ["deny", "scope.governance", "git rm -r ."],
  ["allow", "safe.in-scope", "git rm -r --cached ."],
  ["deny", "scope.governance", "git update-index --skip-worktree .GOV/policy.md"],
  ["deny", "scope.governance", "git update-index --chmod=+x .GOV/policy.md"],
  ["deny", "scope.governance", "git --literal-pathspecs add .GOV/*"],
  ["ask", "scope.out-of-scope", "git add README.md", { scope: ["src/**"] }],
  ["allow", "safe.in-scope", "git add src/app.ts", { scope: ["src/**"] }],
  ["allow", "safe.read-only", "git log -- README.md", { scope: ["src/**"] }],
  ["deny", "scope.other-worktree", "git add ../s2/README.md"],
  ["deny", "scope.other-worktree", "git add link-s2/README.md"],
  ["ask", "scope.outside", "git add ../../outside"],
]));

describe("rm", () => run([
  ["deny", "rm.worktree-root", "rm -rf ./"],
  ["deny", "rm.worktree-root", "rm -rf src/.."],
  ["deny", "rm.worktree-root", "rm -r -- ."],
  ["deny", "rm.worktree-root", "rm -rf ../s1"],
  ["allow", "safe.in-scope", "rm -rf ../s1/build"],
  ["deny", "scope.ancestor", "rm -rf .."],
  ["deny", "scope.ancestor", "rm -rf /"],
  ["deny", "scope.ancestor", "rm --recursive --force --no-pres /"],
  ["ask", "rm.outside-scope", "rm -rf ../../outside"],
  ["deny", "scope.other-worktree", "rm -rf link-s2/"],
  ["deny", "scope.other-worktree", "rm -rf link-s2/src"],
  ["allow", "safe.in-scope", "rm link-s2"],
  ["allow", "safe.in-scope", "rm -f link-s2"],
  ["deny", "scope.governance", "rm -rf link-gov/"],
  ["deny", "scope.governance", "rm link-gov/policy.md"],
  ["allow", "safe.in-scope", "rm link-gov"],
  ["ask", "rm.outside-scope", "rm -rf link-out/"],
  ["deny", "scope.main-checkout", "rm -rf link-main/src"],
  ["allow", "safe.in-scope", "rm -rf link-src/"],
  ["deny", "scope.git-internals", "rm -rf .git/"],
  ["deny", "scope.git-internals", "rm .git/index"],
  ["deny", "scope.git-internals", "rm -rf ../../main-repo/.git/worktrees"],
  ["deny", "scope.git-internals", "rm -rf ../../main-repo/.handshake"],
  ["deny", "scope.governance", "rm -rf .GOV/"],
  ["allow", "safe.in-scope", "rm -rf .GOV/../src"],
  ["allow", "safe.in-scope", ["rm", "-rf", "dir with spaces"]],
  ["deny", "scope.other-worktree", "rm -rf build/../../s2"],
  ["ask", "rm.parse", "rm --v scratch.txt"],
  ["ask", "rm.parse", "rm -x scratch.txt"],
  ["allow", "safe.in-scope", "rm --interactive=never scratch.txt"],
  ["allow", "safe.in-scope", "rm -I --one scratch.txt"],
  ["allow", "safe.help", "rm --help"],
  ["ask", "scope.out-of-scope", "rm README.md", { scope: ["src/**"] }],
  ["ask", "scope.out-of-scope", "rm -r src", { scope: ["src/**/*.ts"] }],
  ["allow", "safe.in-scope", "rm -r src/lib", { scope: ["src/**"] }],
  ["deny", "scope.governance", "rm -rf src/../.GOV"],
  ["deny", "scope.other-worktree", "rm -rf link-s2/../s2"],
  ["deny", "scope.other-worktree", "rm -rf link-s2/../s2/"],
  ["allow", "safe.in-scope", "rm -rf link-src/../build"],
  ["deny", "scope.ancestor", "rm -rf link-s2/.."],
  ["allow", "safe.in-scope", "rm scratch.txt -rf", { env: { POSIXLY_CORRECT: "1" } }],
]));

// guard-shell.json: the argv (and cwd/env) the shim receives for each line it can see.
describe("guard-shell.json, as the shim sees it", () => run([
  ["ask", "git.push.force", "git push --force"], // sh-003 command git push --force
  ["deny", "scope.other-worktree", "rm -rf ../s2"], // sh-005 find -exec rm (find passes ../s2)
  ["ask", "git.stash.drop", "git stash clear"], // sh-008 piped into sh
  ["deny", "scope.other-worktree", "rm -rf ../s2/dist"], // sh-011 make recipe
  ["ask", "git.branch.force-delete", "git branch -D unmerged"], // sh-013 timeout wrapper
  ["deny", "scope.other-worktree", "rm -rf s2", { cwd: ".." }], // sh-014 cd .. && rm -rf s2
  ["deny", "scope.other-worktree", "git reset --hard", { cwd: "../s2" }], // sh-015
  ["deny", "scope.git-internals", "git reset --hard", { env: { GIT_DIR: "../../main-repo/.git", GIT_WORK_TREE: "../../main-repo" } }], // sh-016
  ["ask", "git.config.file", "git push", { env: { GIT_CONFIG_GLOBAL: "/tmp/evil.cfg" } }], // sh-020
  ["ask", "git.reset.hard", "git sync", { aliases: { sync: "reset --hard" } }], // sh-022
  ["deny", "git.alias.shell", "git sync", { aliases: { sync: "!git push --force" } }], // sh-022, '!' variant
  ["ask", "git.submodule.foreach", ["git", "submodule", "foreach", "git reset --hard"]], // sh-050
  ["deny", "git.alias.shell", ["git", "-c", "alias.x=!git push --force", "x"]], // sh-051
  ["ask", "git.pull.rebase", "git pull --rebase"], // sh-053
  ["ask", "git.checkout.discard", "git checkout -- src"], // sh-055 (second half)
  ["ask", "git.config.command", ["git", "-c", `core.sshCommand=sh -c "rm -rf ../s2"`, "fetch"]], // sh-057
  ["allow", "safe.in-scope", "git add -- src/app.ts src/new.ts"], // sh-060 xargs git add
  ["allow", "safe.in-scope", ["git", "commit", "-m", "msg from file"]], // sh-064
]));

describe("everyday agent commands stay allowed", () => run([
  ["allow", "safe.read-only", "git log --oneline -n 5"],
  ["allow", "safe.read-only", "git diff --cached"],
  ["allow", "safe.read-only", "git diff HEAD~1 -- src/"],
  ["allow", "safe.read-only", "git status -sb"],
  ["allow", "safe.in-scope", "git push -u origin hs/s1/feat"],
  ["allow", "safe.in-scope", "git stash"],
  ["allow", "safe.in-scope", "git fetch origin main"],
  ["allow", "safe.in-scope", "git merge origin/main"],
  ["allow", "safe.in-scope", "git cherry-pick HEAD~1"],
  ["allow", "safe.in-scope", "git revert HEAD --no-edit"],
  ["allow", "safe.in-scope", "git tag -a v1 -m release"],
  ["allow", "safe.read-only", "git show HEAD:src/app.ts"],
  ["allow", "safe.read-only", "git blame -L 1,10 src/app.ts"],
  ["allow", "safe.read-only", ["git", "grep", "-n", "foo", "--", "*.ts"]],
  ["allow", "safe.in-scope", ["git", "commit", "-m", "msg", "--author=A <a@example.com>"]],
  ["allow", "safe.in-scope", "git -c user.name=x -c user.email=y commit -m z"],
  ["allow", "safe.read-only", "git rev-parse --show-toplevel"],
  ["allow", "safe.in-scope", "git switch -"],
  ["allow", "safe.read-only", "git diff --stat origin/main...HEAD"],
  ["allow", "safe.read-only", "git log --format=%H --since=2.weeks"],
  ["allow", "safe.in-scope", "git apply x.patch"],
  ["allow", "safe.in-scope", "git commit --amend -m x"],
  ["allow", "safe.in-scope", "git reset HEAD~1"],
  ["allow", "safe.in-scope", "git branch -m hs/s1/old hs/s1/new"],
  ["allow", "safe.in-scope", "git submodule update --init"],
  ["allow", "safe.in-scope", "git stash branch hs/s1/from-stash"],
  ["ask", "git.ref.outside-session", "git stash branch elsewhere"],
]));

describe("beyond the brief", () => run([
  ["ask", "git.hooks.bypass", "git config set core.hooksPath /dev/null"],
  ["ask", "*", "git config set --append alias.x status"],
  ["allow", "safe.in-scope", "git config get user.name"],
  ["deny", "scope.governance", "git rm -r :!src"],
  ["deny", "scope.governance", "git --icase-pathspecs add .gov/policy.md"],
  ["ask", "git.paths.hidden", "git rm --pathspec-from-file=paths.txt"],
  ["ask", "git.paths.hidden", "git update-index --stdin"],
  ["ask", "scope.outside", "git status", { env: { GIT_TRACE: "/tmp/hs-trace-x" } }],
  ["ask", "git.command.exec", ["git", "fetch", "ext::sh -c evil"]],
  ["ask", "git.env.command", "git fetch", { env: { GIT_ALLOW_PROTOCOL: "file:ext" } }],
  ["deny", "scope.git-internals", "git init --template=tpl"],
  ["deny", "scope.git-internals", "git init", { env: { GIT_TEMPLATE_DIR: "tpl" } }],
  ["deny", "scope.git-internals", "git init --separate-git-dir=../moved ."],
  ["allow", "safe.in-scope", "git init sub"],
  ["deny", "scope.other-worktree", "git fast-export --export-marks=../s2/marks HEAD"],
  ["ask", "scope.outside", "git commit-graph write --object-dir=../../outside"],
  ["ask", "git.hooks.bypass", "git pull --no-verify"],
  ["ask", "git.pull.rebase", "git -c branch.hs/s1/work.rebase=interactive pull"],
  ["allow", "safe.in-scope", "git -c pull.rebase=false pull"],
  ["ask", "git.checkout.discard", "git checkout @{-1} -- src"],
  ["allow", "safe.in-scope", "git checkout @{-1}"],
]));
