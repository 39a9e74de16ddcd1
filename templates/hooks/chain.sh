#!/bin/sh
@FINGERPRINT@
# hs has no check for this hook: run the hook that was active before hs init, unchanged.
c=@CHAIN@/@HOOK@
@CHAIN_FALLBACK@
[ -x "$c" ] && exec "$c" "$@"
exit 0
