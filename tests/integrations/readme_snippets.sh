#!/usr/bin/env bash
# The README's "Integrations" section: every fenced block there follows a
# `<!-- snippet: NAME -->` marker, and every snippet is run or checked by a test:
#   here          install, gitlab-ci, vscode-tasks and jetbrains-tool (their commands),
#                 alembic, django, stdin
#   pre_commit.sh      pre-commit-config, pre-commit-history
#   github_action.sh   github-workflow
#   unit test          vscode-tasks' problem matcher and jetbrains-tool's output filter
#                      (tests/unit/problem_matcher_test.cpp)
# The output of alembic and Django's sqlmigrate is stood in for by the runner fixtures
# (fixtures/runners/alembic, fixtures/runners/django), which are those tools' output.
#
#   tests/integrations/readme_snippets.sh ZERODOWN_BINARY
set -uo pipefail
# shellcheck source=tests/integrations/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

known=(install pre-commit-config pre-commit-history github-workflow gitlab-ci vscode-tasks
  jetbrains-tool alembic django stdin)

# Every block of the section is a known snippet, and every known snippet is there.
awk '
  /^## / { section = ($0 == "## Integrations") }
  !section { next }
  /^<!-- snippet: .* -->$/ { name = $3; next }
  /^```/ {
    if (!inside) { print (name == "" ? "UNMARKED line " NR : name); name = "" }
    inside = !inside
    next
  }
  !inside && NF { name = "" }
' "$root/README.md" >"$work/blocks"
for name in "${known[@]}"; do
  grep -qx "$name" "$work/blocks" || fail "README.md's Integrations section has no snippet $name" "$work/blocks"
done
while read -r name; do
  [[ " ${known[*]} " == *" $name "* ]] ||
    fail "README.md: block $name is not tested (mark it <!-- snippet: NAME --> and test it)"
done <"$work/blocks"

# run_snippet NAME EXPECTED_EXIT DIR: the snippet run by bash in DIR, output in $work/NAME.out.
run_snippet() {
  local name=$1 expected=$2 dir=$3 rc=0
  readme_snippet "$name" >"$work/$name.sh"
  (cd "$dir" && bash -e "$work/$name.sh") >"$work/$name.out" 2>&1 || rc=$?
  ((rc == expected)) || fail "snippet $name exited with $rc, expected $expected" "$work/$name.out"
}
expect_in() { # NAME TEXT
  grep -qF -- "$2" "$work/$1.out" || fail "snippet $1: its output does not say: $2" "$work/$1.out"
}

# install: into the temporary HOME, from this repository's build/.
run_snippet install 0 "$root"
installed=$HOME/.local/bin/zerodown
if [[ ! -x $installed ]]; then
  fail "snippet install: no $installed" "$work/install.out"
elif [[ $("$installed" --version) != "$("$zerodown" --version)" ]]; then
  fail "snippet install: $installed is not the version under test"
fi

# alembic and django: stand-ins print the fixtures for the exact commands of the snippets.
fixtures=$root/fixtures/runners
alembic() {
  [[ "$*" == "upgrade head --sql" ]] || { echo "alembic stand-in: unexpected $*" >&2; return 2; }
  cat "$fixtures/alembic/upgrade.sql"
}
python() {
  [[ "$*" == "manage.py sqlmigrate library 0002" ]] || { echo "python stand-in: unexpected $*" >&2; return 2; }
  cat "$fixtures/django/0002_book_isbn.sql"
}
export -f alembic python
export fixtures
mkdir -p "$work/app"
# The alembic output's one finding is an info (type-int-key on a SERIAL key): exit 0.
run_snippet alembic 0 "$work/app"
expect_in alembic "alembic-upgrade.sql:12:8: info[type-int-key]: public.account.id (SERIAL)"
run_snippet django 1 "$work/app"
expect_in django "library/migrations/0002_book_isbn.sql:6:1: warning[lock-timeout-missing]"

# stdin: a committed version of a file that the working copy has changed.
make_origin
printf 'SELECT 1;\n' >"$seed/db/migrations/002_index_email.sql"
run_snippet stdin 1 "$seed"
expect_in stdin "db/migrations/002_index_email.sql:2:1: error[lock-create-index]"

# GitLab CI: the job's script in a merge request pipeline's checkout (the branch, its whole
# history, origin a local bare repository); the other keys are checked.
readme_snippet gitlab-ci >"$work/gitlab-ci.yml"
python3 - "$root" "$work/gitlab-ci" >"$work/gitlab-ci.check" 2>&1 <<'PY' ||
import os, re, sys, yaml
root, base = sys.argv[1:]
job = yaml.safe_load(open(base + ".yml"))["zerodown"]
script = "\n".join(job["script"])
report = re.search(r"--format gitlab --output (\S+)", script).group(1)
assert job["artifacts"]["reports"]["codequality"] == report, "codequality is not the --output file"
assert job["artifacts"]["when"] == "always", "the report is only kept when the job passes"
clone = next(l for l in job["before_script"] if l.startswith("git clone"))
assert "https://github.com/zerodown/zerodown" in clone.split(), clone
for line in job["before_script"]:
    for script_path in re.findall(r"/opt/zerodown/(\S+)", line):
        assert os.path.isfile(os.path.join(root, script_path)), script_path + " does not exist"
open(base + ".script", "w").write(script + "\n")
open(base + ".before", "w").write("\n".join(job["before_script"]) + "\n")
PY
  fail "snippet gitlab-ci" "$work/gitlab-ci.check"
bash -n "$work/gitlab-ci.before" || fail "snippet gitlab-ci: before_script is not valid shell"
git clone -q --branch feature "file://$origin" "$work/mr"
rc=0
(cd "$work/mr" && CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main bash -e "$work/gitlab-ci.script") \
  >"$work/gitlab-ci.out" 2>&1 || rc=$?
((rc == 1)) || fail "snippet gitlab-ci: its script exited with $rc, expected 1" "$work/gitlab-ci.out"
expect_in gitlab-ci "db/migrations/002_index_email.sql:2:1: error[lock-create-index]"
python3 - "$work/mr/gl-code-quality.json" >"$work/gitlab-ci.report" 2>&1 <<'PY' ||
import json, sys
issues = json.load(open(sys.argv[1]))
assert {i["location"]["path"] for i in issues} == {"db/migrations/002_index_email.sql"}, issues
assert "lock-create-index" in {i["check_name"] for i in issues}, issues
PY
  fail "snippet gitlab-ci: gl-code-quality.json" "$work/gitlab-ci.report"

# VS Code: the task's command, run as VS Code would from the workspace folder.
readme_snippet vscode-tasks >"$work/tasks.json"
python3 -c 'import json, shlex, sys
task = json.load(open(sys.argv[1]))["tasks"][0]
print(shlex.join([task["command"], *task["args"]]))' "$work/tasks.json" >"$work/vscode-tasks.sh" ||
  fail "snippet vscode-tasks: not JSON with a task" "$work/tasks.json"
rc=0
(cd "$work/mr" && bash -e "$work/vscode-tasks.sh") >"$work/vscode-tasks.out" 2>&1 || rc=$?
((rc == 1)) || fail "snippet vscode-tasks: the task exited with $rc, expected 1" "$work/vscode-tasks.out"
expect_in vscode-tasks "db/migrations/002_index_email.sql:2:1: error: CREATE INDEX users_email"

# JetBrains: the external tool on one file, with the IDE's macros filled in.
program=$(readme_snippet jetbrains-tool | sed -n 's/^Program: *//p')
read -r -a arguments < <(readme_snippet jetbrains-tool | sed -n 's/^Arguments: *//p')
# shellcheck disable=SC2016 # the IDE's macro, not a shell expansion
arguments=("${arguments[@]//'$FilePath$'/$work/mr/db/migrations/002_index_email.sql}")
rc=0
(cd "$work/mr" && "$program" "${arguments[@]}") >"$work/jetbrains-tool.out" 2>&1 || rc=$?
((rc == 1)) || fail "snippet jetbrains-tool: the tool exited with $rc, expected 1" "$work/jetbrains-tool.out"
expect_in jetbrains-tool "$work/mr/db/migrations/002_index_email.sql:2:1: error: CREATE INDEX users_email"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "ok   README integration snippets: ${known[*]}"
