#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) under the real pre-commit, offline:
#   1. `pre-commit try-repo` on this working copy (uncommitted changes included) in a
#      throwaway project: it passes on a safe migration, fails on an unsafe one with the
#      finding in the readable text format (source line, caret, help; no colour codes
#      when the output is not a terminal), and without --files it lints only the staged
#      migrations;
#   2. the README's .pre-commit-config.yaml snippets, as written but for `repo:` and `rev:`
#      (a local repository holding this working copy's .pre-commit-hooks.yaml: a
#      `language: system` hook needs nothing else), under `pre-commit run`, including the
#      `--history` variant that makes the earlier migrations known.
# zerodown under test is first on PATH; HOME and PRE_COMMIT_HOME are temporary.
#
#   tests/integrations/pre_commit.sh ZERODOWN_BINARY
#
# Exit 77 (ctest's SKIP_RETURN_CODE) only when pre-commit is not installed (Debian package
# pre-commit; scripts/setup installs it).
set -uo pipefail
# shellcheck source=tests/integrations/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if ! command -v pre-commit >/dev/null; then
  echo "SKIP: pre-commit is not installed (apt-get install pre-commit)"
  exit 77
fi
export PRE_COMMIT_HOME=$work/pre-commit-cache

project=$work/project
git_repo "$project"
cd "$project" || exit 1
mkdir -p db/migrations
cat >db/migrations/001_create_users.sql <<'SQL'
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL);
SQL
cat >db/migrations/002_index_email.sql <<'SQL'
SET lock_timeout = '2s';
CREATE INDEX users_email ON users (email);
SQL
git add db/migrations/001_create_users.sql
git commit -q -m users

# run_hook NAME EXPECTED_EXIT COMMAND...: runs a pre-commit command into $work/NAME.out.
run_hook() {
  local name=$1 expected=$2 rc=0
  shift 2
  "$@" >"$work/$name.out" 2>&1 || rc=$?
  if ((rc != expected)); then
    fail "$name: pre-commit exited with $rc, expected $expected" "$work/$name.out"
  fi
}
# expect_in NAME TEXT: the output of run NAME holds TEXT (a fixed string).
expect_in() {
  grep -qF -- "$2" "$work/$1.out" || fail "$1: the output does not say: $2" "$work/$1.out"
}
expect_not_in() {
  if grep -qF -- "$2" "$work/$1.out"; then fail "$1: the output says: $2" "$work/$1.out"; fi
}

# 1. try-repo on the working copy.
run_hook safe 0 pre-commit try-repo "$root" zerodown --files db/migrations/001_create_users.sql
expect_in safe "Passed"

run_hook unsafe 1 pre-commit try-repo "$root" zerodown --files db/migrations/002_index_email.sql
expect_in unsafe "Failed"
expect_in unsafe "db/migrations/002_index_email.sql:2:1: error[lock-create-index]: CREATE INDEX users_email on public.users"
expect_in unsafe "2 | CREATE INDEX users_email ON users (email);"
expect_in unsafe "  | ^^^^^^^^^^^^^^^^^^^^^^^^"
expect_in unsafe "= help: Use CREATE INDEX CONCURRENTLY"
expect_in unsafe "Found 1 problem"
if grep -q $'\e\\[' "$work/unsafe.out"; then
  fail "unsafe: colour codes in output that is not a terminal" "$work/unsafe.out"
fi

# Without --files: the staged files only. The unsafe migration is staged; an unsafe file
# that is not staged must not be linted.
printf 'DROP TABLE users;\n' >db/migrations/003_not_staged.sql
git add db/migrations/002_index_email.sql
run_hook staged 1 pre-commit try-repo "$root" zerodown
expect_in staged "db/migrations/002_index_email.sql:2:1: error[lock-create-index]"
expect_not_in staged "003_not_staged.sql"
expect_not_in staged "001_create_users.sql"
rm db/migrations/003_not_staged.sql

# 2. The README's configuration snippets.
hooks=$work/hook-repo
git_repo "$hooks"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

# use_snippet NAME: the snippet as .pre-commit-config.yaml, with the local hook repository.
use_snippet() {
  readme_snippet "$1" |
    sed -E "s|^( *- )?repo: https://github.com/zerodown/zerodown\$|\\1repo: $hooks|;
            s|^( *)rev: v[0-9.]+\$|\\1rev: $rev|" >.pre-commit-config.yaml
  if ! grep -q "repo: $hooks\$" .pre-commit-config.yaml ||
    ! grep -q "rev: $rev\$" .pre-commit-config.yaml; then
    fail "snippet $1: no repo: and rev: lines to point at the local hook repository" .pre-commit-config.yaml
  fi
  pre-commit validate-config .pre-commit-config.yaml >"$work/validate-$1.out" 2>&1 ||
    fail "snippet $1: pre-commit validate-config" "$work/validate-$1.out"
}

use_snippet pre-commit-config
run_hook readme-config 1 pre-commit run --files db/migrations/002_index_email.sql
expect_in readme-config "error[lock-create-index]"

# The --history variant: 004 widens a varchar column that 001 created; without the history
# zerodown cannot know the old type and warns that the change may rewrite the table.
cat >db/migrations/004_widen_email.sql <<'SQL'
SET lock_timeout = '2s';
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
SQL
git add db/migrations/004_widen_email.sql
git rm -q --cached db/migrations/002_index_email.sql
run_hook readme-no-history 1 pre-commit run
expect_in readme-no-history "warning[lock-alter-column-type]: ALTER COLUMN email TYPE may rewrite"
use_snippet pre-commit-history
run_hook readme-history 0 pre-commit run
expect_in readme-history "Passed"
# Files outside the snippet's migration folder are not the hook's business.
mkdir -p scripts && printf 'DROP TABLE users;\n' >scripts/cleanup.sql && git add scripts/cleanup.sql
run_hook readme-history-outside 0 pre-commit run
expect_not_in readme-history-outside "cleanup.sql"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "ok   pre-commit: try-repo on the working copy, the README's configurations"
