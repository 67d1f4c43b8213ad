#!/usr/bin/env bash
# CLI golden tests for zerodown. Bash and coreutils only, with grep, sed, diff, iconv,
# setpriv and script: all from Debian's essential packages, no Python.
#
#   tests/cli/run.sh [--update] ZERODOWN_BINARY [CASE...]
#
# Each case is a folder tests/cli/cases/<name>/ holding:
#   cmd              a bash script, run with the case folder's copy as working directory;
#                    it calls `zerodown ...` (a function running the binary under test);
#                    its exit status is the case's exit code (usually zerodown's own)
#   expected.stdout  the exact bytes expected on stdout
#   expected.stderr  the exact bytes expected on stderr
#   expected.exit    the expected exit code
#   timeout          optional: ctest time limit in seconds (read by tests/CMakeLists.txt)
#   anything else    input files, copied into a fresh temporary folder before the run
#
# Inputs that git could mangle (CRLF, NUL bytes, invalid UTF-8, odd file names) are made by
# the cmd script at test time. Without CASE arguments every case runs.
#
# A cmd script sees: the function `zerodown`; ZERODOWN (the binary); ZERODOWN_SOURCE_DIR
# (the repository); ZD_WRAPPER (a command put before the binary, e.g. setpriv); CASE_TMP
# (scratch space outside the working folder); CASE_NOTES (a file whose lines run.sh prints
# after the verdict without comparing them: timings and the like).
#
# A case fails when stdout, stderr or the exit code differ from the goldens, when any
# zerodown run inside it exits with a signal (status >= 128), or when a sanitizer
# (ASan, UBSan, LSan) reports anything. `--update` rewrites the goldens from the actual
# output instead of comparing (a crash or a sanitizer report still fails): review every
# changed golden by eye before keeping it.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
update=0
if [[ ${1:-} == --update ]]; then
  update=1
  shift
fi
if [[ $# -lt 1 ]]; then
  echo "usage: $0 [--update] ZERODOWN_BINARY [CASE...]" >&2
  exit 2
fi
ZERODOWN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
if [[ ! -x $ZERODOWN ]]; then
  echo "run.sh: $ZERODOWN is not an executable" >&2
  exit 2
fi
export ZERODOWN
ZERODOWN_SOURCE_DIR=$(cd "$here/../.." && pwd)
export ZERODOWN_SOURCE_DIR

cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
  for d in "$here"/cases/*/; do
    d=${d%/}
    cases+=("${d##*/}")
  done
fi

# The function every cmd script calls. ZD_WRAPPER (e.g. setpriv ...) is put in front of
# the binary when set. A run that dies from a signal is recorded as a crash.
zerodown() {
  # shellcheck disable=SC2086
  ${ZD_WRAPPER:-} "$ZERODOWN" "$@"
  local rc=$?
  if ((rc >= 128)); then
    printf 'zerodown %s: exit status %d (killed by a signal)\n' "$*" "$rc" >>"$CRASH_LOG"
  fi
  return "$rc"
}
export -f zerodown

root=$(mktemp -d "${TMPDIR:-/tmp}/zerodown-cli.XXXXXX")
# Readable by others: a case may run zerodown as an unprivileged user.
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

failures=0
run_case() {
  local name=$1
  local src="$here/cases/$name"
  if [[ ! -f $src/cmd ]]; then
    echo "FAIL $name: no such case (missing $src/cmd)"
    return 1
  fi
  local base="$root/$name"
  local work="$base/work"
  local san="$base/sanitizer"
  mkdir -p "$work" "$san"
  chmod 755 "$base" "$work"
  chmod 1777 "$san"
  # Inputs only: the script and the goldens stay out of the linted folder.
  local f
  for f in "$src"/* "$src"/.[!.]*; do
    [[ -e $f ]] || continue
    case ${f##*/} in
      cmd | expected.* | timeout) ;;
      *) cp -R "$f" "$work/" ;;
    esac
  done

  local rc
  (
    cd "$work" || exit 99
    export CRASH_LOG="$base/crashes"
    export CASE_NOTES="$base/notes"
    export CASE_TMP="$base"
    export LC_ALL=C  # zerodown must not depend on the locale; the scripts work on bytes
    unset NO_COLOR CLICOLOR CLICOLOR_FORCE FORCE_COLOR
    # Sanitizer reports go to files we look for afterwards, whatever the exit status.
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$san/asan:abort_on_error=1:detect_leaks=1"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$san/ubsan:print_stacktrace=1:halt_on_error=1:abort_on_error=1"
    export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}log_path=$san/lsan"
    bash "$src/cmd" </dev/null >"$base/stdout" 2>"$base/stderr"
  )
  rc=$?

  local ok=1
  if [[ -s $base/crashes ]]; then
    echo "FAIL $name: zerodown crashed:"
    cat "$base/crashes"
    ok=0
  fi
  if compgen -G "$san/*" >/dev/null; then
    echo "FAIL $name: sanitizer report:"
    cat "$san"/*
    ok=0
  fi
  if ((update)); then
    if ((ok)); then
      cp "$base/stdout" "$src/expected.stdout"
      cp "$base/stderr" "$src/expected.stderr"
      echo "$rc" >"$src/expected.exit"
      echo "updated $name (exit $rc)"
    fi
  else
    local want_rc
    want_rc=$(cat "$src/expected.exit" 2>/dev/null || echo missing)
    if [[ $rc != "$want_rc" ]]; then
      echo "FAIL $name: exit code $rc, expected $want_rc"
      ok=0
    fi
    local stream
    for stream in stdout stderr; do
      if ! cmp -s "$base/$stream" "$src/expected.$stream"; then
        echo "FAIL $name: $stream differs from expected.$stream (- expected, + actual):"
        diff -u --label expected --label actual "$src/expected.$stream" "$base/$stream" |
          head -c 20000 | sed -e 's/\r/\\r/g' -e 's/\x1b/\\e/g' | head -200
        ok=0
      fi
    done
    ((ok)) && echo "ok   $name"
  fi
  [[ -s $base/notes ]] && sed 's/^/     note: /' "$base/notes"
  ((ok))
}

for name in "${cases[@]}"; do
  run_case "$name" || failures=$((failures + 1))
done
if ((failures)); then
  echo "$failures of ${#cases[@]} CLI case(s) failed"
  exit 1
fi
exit 0
