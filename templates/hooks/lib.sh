@FINGERPRINT@
# hs hook library, sourced by hs's pre-commit and reference-transaction inside a session worktree.
# The Node-free pass for the common case: when the session marker holds only plain path globs
# ("dir/**" or a literal path), git's own pathspecs decide whether any changed path leaves the scope
# or enters governance. Built so that git's answer can only be stricter than micromatch's: scope
# "d/**" -> ":(glob)d/**" (micromatch may also match "d" itself), governance "d/**" -> ":(literal,icase)d"
# (matches "d" and everything under it, in any case, as governance matching does). Any doubt (other globs, unexpected marker layout, a git
# error, a path outside) returns 1 and the caller runs the full check in Node.
hs_nl='
'

# hs_load <marker>: sets hs_sid, hs_scope and hs_gov (newline-separated pathspecs).
hs_load() {
  hs_sid= hs_scope= hs_gov=
  _mode= _gov_seen=
  [ -f "$1" ] || return 1
  while IFS= read -r _l || [ -n "$_l" ]; do
    case $_l in
      '  "session_id": "'*'",') _v=${_l#*: \"}; hs_sid=${_v%\",} ;;
      '  "scope": [') _mode=s ;;
      '  "governance": [') _mode=g _gov_seen=1 ;;
      '  "governance": [],') _gov_seen=1 ;;
      '  ],' | '  ]') _mode= ;;
      '    "'*)
        _v=${_l#    \"}
        _v=${_v%,}
        case $_v in *\") _v=${_v%\"} ;; *) return 1 ;; esac
        _b=${_v%/\*\*}
        [ -n "$_b" ] || return 1
        case /$_b/ in *[!A-Za-z0-9._/-]* | *//* | */./* | */../*) return 1 ;; esac
        case $_mode in
          s) if [ "$_b" = "$_v" ]; then hs_scope="$hs_scope:(exclude,literal)$_b$hs_nl"; else hs_scope="$hs_scope:(exclude,glob)$_v$hs_nl"; fi ;;
          g) hs_gov="$hs_gov:(literal,icase)$_b$hs_nl" ;;
          *) return 1 ;;
        esac
        ;;
      *) [ -z "$_mode" ] || return 1 ;;
    esac
  done <"$1"
  case $hs_sid in '' | *[!A-Za-z0-9._-]*) return 1 ;; esac
  [ -n "$hs_scope" ] && [ -n "$_gov_seen" ]
}

# hs_quiet index | hs_quiet tree <old> <new>: 0 when no changed path is outside hs_scope or inside hs_gov.
hs_quiet() {
  _ifs=$IFS
  set -f
  IFS=$hs_nl
  if [ "$1" = index ]; then
    _cmd="diff${hs_nl}--cached"
  else
    _cmd="diff-tree${hs_nl}-r${hs_nl}$2${hs_nl}$3"
  fi
  _opts="--quiet${hs_nl}--no-renames${hs_nl}--no-relative${hs_nl}--no-ext-diff${hs_nl}--ignore-submodules=none"
  # pathspec knobs from the environment must not turn the magic below into literal text
  GIT_LITERAL_PATHSPECS= GIT_GLOB_PATHSPECS= GIT_NOGLOB_PATHSPECS= GIT_ICASE_PATHSPECS= \
    git $_cmd $_opts -- . $hs_scope &&
    { [ -z "$hs_gov" ] || GIT_LITERAL_PATHSPECS= GIT_GLOB_PATHSPECS= GIT_NOGLOB_PATHSPECS= GIT_ICASE_PATHSPECS= git $_cmd $_opts -- $hs_gov; }
  _r=$?
  IFS=$_ifs
  set +f
  return $_r
}
