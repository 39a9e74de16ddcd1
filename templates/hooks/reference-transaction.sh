#!/bin/sh
@FINGERPRINT@
# Only the "prepared" state can still abort. Updates of the worktree's own pseudo-refs (HEAD,
# ORIG_HEAD, ... during rebase, cherry-pick, merge) need no check. A plain commit on the session's
# branch (one namespace ref, new commit whose only parent is the old tip) is cleared by git's
# pathspecs when the scope is plain path globs; everything else goes to the full check in Node.
c=@CHAIN@/@HOOK@
@CHAIN_FALLBACK@
d=${GIT_DIR:-.git}
if [ "${1-}" = prepared ] && { [ -f "$d/hs-session.json" ] || [ -f "$d/hs-lock-sessions.json" ] || [ -n "${HS_SESSION_ID-}" ]; }; then
  nl='
'
  in=
  refs=
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    in="$in$line$nl"
    case ${line##* } in
      HEAD | ORIG_HEAD | FETCH_HEAD | MERGE_HEAD | CHERRY_PICK_HEAD | REVERT_HEAD | REBASE_HEAD | AUTO_MERGE | BISECT_HEAD) ;;
      *) refs=$line n=$((n + 1)) ;;
    esac
  done
  if [ "$n" -gt 0 ]; then
    fast=
    if [ "$n" -eq 1 ] && [ ! -f "$d/hs-lock-sessions.json" ]; then
      . @LIB@
      old=${refs%% *}
      rest=${refs#* }
      new=${rest%% *}
      ref=${rest#* }
      if hs_load "$d/hs-session.json"; then
        case $ref:$old:$new in
          "refs/heads/hs/$hs_sid/"*:*[!0]*:*[!0]*)
            [ "$(git rev-list --parents -n 1 "$new" --)" = "$new $old" ] && hs_clear tree "$old" "$new" && fast=1
            ;;
        esac
      fi
    fi
    if [ -z "$fast" ]; then
      printf '%s' "$in" | @NODE@ @ENTRY@ @HOOK@ "$c" "$@"
      exit $?
    fi
  fi
  [ -x "$c" ] || exit 0
  printf '%s' "$in" | "$c" "$@"
  exit $?
fi
[ -x "$c" ] && exec "$c" "$@"
exit 0
