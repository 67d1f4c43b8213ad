# shellcheck shell=bash
# Shared by the integration tests (tests/integrations/*.sh); sourced, not run. Sets up:
#   root      the repository (its working copy: what the tests check is what is on disk)
#   zerodown  the binary under test, absolute, also first on PATH as `zerodown`
#   work      a temporary folder, removed on exit (kept with KEEP=1), that is also HOME, so
#             that no user or system configuration of git or pre-commit takes part
# and offers fail, readme_snippet and git_repo.

if [[ $# -ne 1 ]]; then
  echo "usage: $0 ZERODOWN_BINARY" >&2
  exit 2
fi
zerodown=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/zerodown-integration.XXXXXX")
trap '[[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT

mkdir -p "$work/bin" "$work/home"
ln -s "$zerodown" "$work/bin/zerodown"
export PATH="$work/bin:$PATH" HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
unset NO_COLOR GITHUB_ACTIONS GITHUB_BASE_REF GITHUB_OUTPUT GITHUB_STEP_SUMMARY GITHUB_WORKSPACE

failures=0
# fail WHAT [OUTPUT_FILE]: reports a failed check (and the output it was made on).
fail() {
  echo "FAIL: $1"
  if [[ -n ${2:-} ]]; then sed 's/^/    | /' "$2"; fi
  failures=$((failures + 1))
}

# readme_snippet NAME: the body of the fenced block that follows the line
# `<!-- snippet: NAME -->` in README.md; fails the test when there is none.
readme_snippet() {
  local body
  body=$(awk -v marker="<!-- snippet: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' "$root/README.md")
  if [[ -z $body ]]; then
    echo "FAIL: README.md has no snippet $1" >&2
    exit 1
  fi
  printf '%s\n' "$body"
}

# git_repo DIR: a new repository in DIR on branch main.
git_repo() {
  mkdir -p "$1"
  git -C "$1" init -q -b main
}

# python3 FILE.py|-c CODE …: Debian's Python, which has python3-yaml (ZD_PACKAGES), for the
# checks that read YAML; whatever `python3` comes first on PATH may not have it.
python3() { /usr/bin/python3 "$@"; }

# make_origin: $origin, a bare repository standing for a CI's remote, and $seed, the
# working copy that pushed to it: main holds db/migrations/001_create_users.sql, the branch
# `feature` adds an unsafe 002_index_email.sql (a CREATE INDEX that blocks writes).
make_origin() {
  origin=$work/origin.git
  seed=$work/seed
  git init -q --bare -b main "$origin"
  git_repo "$seed"
  mkdir -p "$seed/db/migrations"
  printf 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n' \
    >"$seed/db/migrations/001_create_users.sql"
  git -C "$seed" add . && git -C "$seed" commit -q -m users
  git -C "$seed" remote add origin "file://$origin"
  git -C "$seed" push -q origin main
  git -C "$seed" checkout -q -b feature
  printf "SET lock_timeout = '2s';\nCREATE INDEX users_email ON users (email);\n" \
    >"$seed/db/migrations/002_index_email.sql"
  git -C "$seed" add . && git -C "$seed" commit -q -m index
  git -C "$seed" push -q origin feature
}
