#!/bin/sh
@FINGERPRINT@
# Outside a session this costs two stat calls, then runs the hook that was active before hs init.
c=@CHAIN@/@HOOK@
@CHAIN_FALLBACK@
d=${GIT_DIR:-.git}
if [ -f "$d/hs-session.json" ] || [ -f "$d/hs-lock-sessions.json" ] || [ -n "${HS_SESSION_ID-}" ]; then
  exec @NODE@ @ENTRY@ @HOOK@ "$c" "$@"
fi
[ -x "$c" ] && exec "$c" "$@"
exit 0
