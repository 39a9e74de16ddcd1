#!/bin/sh
@FINGERPRINT@
# Outside a session: two stat calls, then the hook that was active before hs init. Inside a session
# whose scope is plain path globs, git's pathspecs clear an in-scope commit without starting Node;
# anything else (a path outside, governance, locks, other globs) gets the full check and its report.
c=@CHAIN@/@HOOK@
@CHAIN_FALLBACK@
d=${GIT_DIR:-.git}
if [ -f "$d/hs-session.json" ] || [ -f "$d/hs-lock-sessions.json" ] || [ -n "${HS_SESSION_ID-}" ]; then
  . @LIB@
  if [ -f "$d/hs-lock-sessions.json" ] || ! hs_load "$d/hs-session.json" || ! hs_clear index; then
    exec @NODE@ @ENTRY@ @HOOK@ "$c" "$@"
  fi
fi
[ -x "$c" ] && exec "$c" "$@"
exit 0
