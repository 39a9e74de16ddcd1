#!/bin/sh
@FINGERPRINT@
# Only the "prepared" state can still abort; updates of the worktree's own pseudo-refs
# (HEAD, ORIG_HEAD, ... during rebase, cherry-pick, merge) need no check, so Node starts only
# when a real ref changes inside a session.
c=@CHAIN@/@HOOK@
d=${GIT_DIR:-.git}
if [ "${1-}" = prepared ] && { [ -f "$d/hs-session.json" ] || [ -f "$d/hs-lock-sessions.json" ] || [ -n "${HS_SESSION_ID-}" ]; }; then
  in=
  check=
  nl='
'
  while IFS= read -r line || [ -n "$line" ]; do
    in="$in$line$nl"
    case ${line##* } in
      HEAD|ORIG_HEAD|FETCH_HEAD|MERGE_HEAD|CHERRY_PICK_HEAD|REVERT_HEAD|REBASE_HEAD|AUTO_MERGE|BISECT_HEAD) ;;
      *) check=1 ;;
    esac
  done
  if [ -n "$check" ]; then
    printf '%s' "$in" | @NODE@ @HS_JS@ __hook @HOOK@ "$c" "$@"
    exit $?
  fi
  [ -x "$c" ] || exit 0
  printf '%s' "$in" | "$c" "$@"
  exit $?
fi
[ -x "$c" ] && exec "$c" "$@"
exit 0
