@FINGERPRINT@
# hs hook library, sourced by hs's pre-commit and reference-transaction inside a session worktree.
# The Node-free pass for the common case: when the session marker's scope is built from literal path
# segments, "*" inside a segment and "**" as a whole segment ("src/**", "src/**/*.ts", "docs/*.md") and
# governance is plain ("dir/**" or a literal path), git's own pathspecs decide whether any changed path
# leaves the scope or enters governance. Built so that git's answer can only be stricter than
# micromatch's: scope "d/**" -> ":(exclude,glob)d/**" (micromatch may also match "d" itself), a literal
# "d" -> ":(exclude,literal)d" (d and everything under it, as matchPatterns does), governance "d/**" ->
# ":(literal,icase)d" (d and everything under it, in any case, as governance matching does). "?" is not
# modelled (git counts bytes, micromatch UTF-16 units). A changed path that holds a glob character or a
# non-ASCII byte (Unicode folding could turn it into a governance name) always gets the full check.
# Protected branches are accepted only when none could name a ref under refs/heads/hs/ (the namespace
# the reference-transaction pass clears).
# Any doubt (other globs, unexpected marker layout, a git error, a path outside) returns 1 and the
# caller runs the full check in Node. test/hooks/compiled-scope.test.ts holds this against micromatch.
hs_nl='
'

# When the pathspecs cannot model the scope (other globs) or are unsure (odd paths), a hook inside the
# sandbox asks the session host, whose answer comes from the registry (hs_host); else the full check runs.
hs_client=@CLIENT@
hs_socket=@HOST_SOCKET@

# hs_load <marker>: sets hs_sid, hs_scope and hs_gov (newline-separated pathspecs), and hs_exact when
# every scope and governance entry compiled. Returns 1 when the marker is not one it can read.
hs_load() {
  hs_sid= hs_scope= hs_gov= hs_exact=1
  _mode= _gov_seen=
  [ -f "$1" ] || return 1
  while IFS= read -r _l || [ -n "$_l" ]; do
    case $_l in
      '  "session_id": "'*'",') _v=${_l#*: \"}; hs_sid=${_v%\",} ;;
      '  "scope": [') _mode=s ;;
      '  "governance": [') _mode=g _gov_seen=1 ;;
      '  "governance": [],') _gov_seen=1 ;;
      '  "protected_branches": [') _mode=p ;;
      '  ],' | '  ]') _mode= ;;
      '    "'*)
        _v=${_l#    \"}
        _v=${_v%,}
        case $_v in *\") _v=${_v%\"} ;; *) return 1 ;; esac
        case $_mode in
          s)
            # "**" only as a whole segment; no "?", brackets, braces, escapes or leading "!"
            case /$_v/ in
              *[!A-Za-z0-9._/*-]* | *//* | */./* | */../* | *[!/]\*\** | *\*\*[!/]*) hs_exact= ;;
              *\**) hs_scope="$hs_scope:(exclude,glob)$_v$hs_nl" ;;
              *) hs_scope="$hs_scope:(exclude,literal)$_v$hs_nl" ;;
            esac
            ;;
          g)
            _b=${_v%/\*\*}
            case /$_b/ in
              *[!A-Za-z0-9._/-]* | *//* | */./* | */../*) hs_exact= ;;
              *) hs_gov="$hs_gov:(literal,icase)$_b$hs_nl" ;;
            esac
            ;;
          p)
            # a protected branch must not be able to name a ref in the session's own namespace
            case $_v in hs/* | refs/* | hs | refs) return 1 ;; esac
            case $_v/ in [A-Za-z0-9._-]*/*) ;; *) return 1 ;; esac
            case ${_v%%/*} in *[!A-Za-z0-9._-]*) return 1 ;; esac
            case /$_v/ in *[!A-Za-z0-9._/*-]* | *//*) return 1 ;; esac
            ;;
          *) return 1 ;;
        esac
        ;;
      *) [ -z "$_mode" ] || return 1 ;;
    esac
  done <"$1"
  case $hs_sid in '' | *[!A-Za-z0-9._-]*) return 1 ;; esac
  [ -n "$hs_scope" ] || hs_exact=
  [ -n "$_gov_seen" ]
}

# Paths no pathspec above may clear: a glob character (git's literal-prefix matching could take
# "src/*/x" for scope "src/*") or a non-ASCII byte, in any component.
hs_odd() {
  _c="[]*?[\\\\$(printf '\200-\377')]"
  hs_odd=":(glob)**/*$_c*$hs_nl:(glob)**/*$_c*/**$hs_nl"
}

# hs_diff <output option> index | tree <old> <new>, then pathspecs: git's list of changed paths with every
# knob that could change it pinned (pathspec magic from the environment, case folding, renames, relative).
hs_diff() {
  _o=$1
  shift
  if [ "$1" = index ]; then
    _cmd="diff${hs_nl}--cached"
    shift
  else
    _cmd="diff-tree${hs_nl}-r${hs_nl}$2${hs_nl}$3"
    shift 3
  fi
  _opts="$_o${hs_nl}--no-renames${hs_nl}--no-relative${hs_nl}--no-ext-diff${hs_nl}--ignore-submodules=none"
  # pathspec knobs from the environment must not turn the magic below into literal text
  GIT_LITERAL_PATHSPECS= GIT_GLOB_PATHSPECS= GIT_NOGLOB_PATHSPECS= GIT_ICASE_PATHSPECS= \
    git -c core.ignoreCase=false $_cmd $_opts -- "$@"
}

# hs_quiet index | hs_quiet tree <old> <new>: 0 when no changed path is outside hs_scope, inside hs_gov, or odd.
hs_quiet() {
  hs_odd
  _ifs=$IFS
  set -f
  IFS=$hs_nl
  hs_diff --quiet "$@" . $hs_scope && hs_diff --quiet "$@" $hs_gov $hs_odd
  _r=$?
  IFS=$_ifs
  set +f
  return $_r
}

# hs_host index | tree <old> <new>: 0 when the session host clears every changed path. The client takes
# the answer only from a server outside this sandbox's pid namespace; outside a sandbox it never does.
hs_host() {
  [ -x "$hs_client" ] && [ -S "$hs_socket" ] || return 1
  _ifs=$IFS
  IFS=$hs_nl
  { hs_diff "--name-only${hs_nl}-z" "$@" && printf '/end\0'; } | "$hs_client" scope "$hs_socket"
  _r=$?
  IFS=$_ifs
  return $_r
}

# hs_clear index | tree <old> <new>: git's pathspecs when they model the scope, else (or when unsure) the host.
hs_clear() {
  { [ -n "$hs_exact" ] && hs_quiet "$@"; } || hs_host "$@"
}
