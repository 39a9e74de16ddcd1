// git 2.39 `--list-cmds=main`, plus commands some installs add. Anything else is an external
// `git-<name>` program or an alias.
export const GIT_COMMANDS: ReadonlySet<string> = new Set(
  `add add--interactive am annotate apply archive bisect bisect--helper blame branch bugreport bundle cat-file
  check-attr check-ignore check-mailmap check-ref-format checkout checkout--worker checkout-index cherry cherry-pick
  clean clone column commit commit-graph commit-tree config count-objects credential credential-cache
  credential-cache--daemon credential-store daemon describe diagnose diff diff-files diff-index diff-tree difftool
  difftool--helper env--helper fast-export fast-import fetch fetch-pack filter-branch fmt-merge-msg for-each-ref
  for-each-repo format-patch fsck fsck-objects fsmonitor--daemon gc get-tar-commit-id grep hash-object help hook
  http-backend http-fetch http-push imap-send index-pack init init-db instaweb interpret-trailers log ls-files
  ls-remote ls-tree mailinfo mailsplit maintenance merge merge-base merge-file merge-index merge-octopus
  merge-one-file merge-ours merge-recursive merge-recursive-ours merge-recursive-theirs merge-resolve merge-subtree
  merge-tree mergetool mktag mktree multi-pack-index mv name-rev notes pack-objects pack-redundant pack-refs patch-id
  pickaxe prune prune-packed pull push quiltimport range-diff read-tree rebase receive-pack reflog remote remote-ext
  remote-fd remote-ftp remote-ftps remote-http remote-https repack replace request-pull rerere reset restore rev-list
  rev-parse revert rm send-pack sh-i18n--envsubst shell shortlog show show-branch show-index show-ref sparse-checkout
  stage stash status stripspace submodule submodule--helper subtree switch symbolic-ref tag unpack-file
  unpack-objects update-index update-ref update-server-info upload-archive upload-archive--writer upload-pack var
  verify-commit verify-pack verify-tag version web--browse whatchanged worktree write-tree
  send-email svn p4 gui citool cvsimport cvsexportcommit cvsserver archimport`.split(/\s+/),
);

/**
 * Plainly read-only: they write nothing but stdout (and git's own index refresh). Their options
 * are not parsed strictly; only options that write files or run programs are looked for.
 */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(
  `status log show diff diff-files diff-index diff-tree blame annotate pickaxe rev-parse rev-list ls-files ls-tree
  describe shortlog whatchanged cat-file for-each-ref show-ref show-branch name-rev merge-base cherry count-objects
  verify-commit verify-pack verify-tag check-ignore check-attr check-mailmap check-ref-format var version help
  range-diff get-tar-commit-id show-index column stripspace patch-id grep ls-remote fsck fsck-objects`.split(/\s+/),
);
