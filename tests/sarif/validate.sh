#!/usr/bin/env bash
# zerodown's SARIF checked by the SARIF Multitool, Microsoft's validator from the SARIF SDK,
# with its SARIF rules and GitHub Advanced Security's (`--rule-kind "Sarif;Ghas"`, the rules
# GitHub code scanning's upload applies). Validated: the whole fixture corpus with every
# rule on (findings, suppressed findings, fixes, syntax errors), and a log with an absolute
# path, a path that needs percent-encoding, an unreadable file and a missing path.
# Fails on any error or warning the validator reports.
#
#   tests/sarif/validate.sh ZERODOWN_BINARY
#
# Exit 77 (ctest's SKIP_RETURN_CODE) only when the validator cannot be installed (no npm,
# no network): tests/sarif/install.sh.
set -uo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 ZERODOWN_BINARY" >&2
  exit 2
fi
zerodown=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if ! tool=$(bash "$root/tests/sarif/install.sh"); then
  echo "SKIP: the SARIF Multitool cannot be installed"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/zerodown-sarif.XXXXXX")
trap '[[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT

# 1. The fixture corpus, with paths relative to the repository root as in CI.
(cd "$root" && "$zerodown" check --format sarif --select all --jobs 2 fixtures/ >"$work/fixtures.sarif")
rc=$?
if ((rc > 1)); then
  echo "FAIL: zerodown check --format sarif fixtures/ exited with $rc"
  exit 1
fi

# 2. What the corpus does not have: an absolute path, a name with a space and non-ASCII
# characters, a file that is not UTF-8, a path that does not exist.
mkdir -p "$work/odd dir"
printf 'CREATE INDEX i ON t (x);\n' >"$work/odd dir/été 1.sql"
printf '\xff\xfeS\x00' >"$work/utf16.sql"
(cd "$work" && "$zerodown" check --format sarif "$work/odd dir/été 1.sql" utf16.sql missing.sql \
  >"$work/odd.sarif" 2>/dev/null)
rc=$?
if ((rc != 2)); then
  echo "FAIL: zerodown on odd inputs exited with $rc, expected 2"
  exit 1
fi

failed=0
for log in fixtures odd; do
  "$tool" validate "$work/$log.sarif" --rule-kind "Sarif;Ghas" --level "Error;Warning;Note" \
    --output "$work/$log.validation.sarif" --log ForceOverwrite >"$work/$log.console" 2>&1
  # The validator's console lines read `FILE(LINE,COL): error|warning|note RULE: message`.
  if grep -E ': (error|warning) ' "$work/$log.console"; then
    echo "FAIL: the SARIF Multitool reports errors or warnings on $log.sarif (above)"
    failed=1
  elif [[ ! -s $work/$log.validation.sarif ]]; then
    echo "FAIL: the SARIF Multitool did not run on $log.sarif:"
    cat "$work/$log.console"
    failed=1
  else
    notes=$(grep -c ': note ' "$work/$log.console")
    results=$(grep -o '"ruleId"' "$work/$log.sarif" | wc -l)
    echo "ok   $log.sarif: $results results; no errors or warnings ($notes notes)"
  fi
done
exit "$failed"
