#!/usr/bin/env bash
# The GitHub Action, offline:
#   1. action.yml's structure: a composite action whose steps use only declared inputs,
#      every input used, no `${{ }}` expanded inside a shell script (inputs reach the
#      scripts through env:), the scripts it runs present;
#   2. its check step, scripts/github-action, as a pull request would run it: a checkout
#      like actions/checkout's (one commit of the pull request's branch, from an "origin"
#      that is a local bare repository) with a fake runner environment (GITHUB_BASE_REF,
#      GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE): the base branch and the
#      history are fetched, only the changed migration is annotated, the job summary and
#      the SARIF report are written and exit-code is set; a clean change, a checkout owned
#      by another user (a container job), a push without a base, an unknown base, a missing
#      path, the options;
#   3. the README's workflow: the inputs it gives exist, and the check step run with them.
#
#   tests/integrations/github_action.sh ZERODOWN_BINARY
set -uo pipefail
# shellcheck source=tests/integrations/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# 1. action.yml
python3 - "$root" >"$work/action-structure.out" 2>&1 <<'PY' || fail "action.yml's structure" "$work/action-structure.out"
import os, re, sys, yaml
root = sys.argv[1]
action = yaml.safe_load(open(os.path.join(root, "action.yml")))
errors = []
assert action["runs"]["using"] == "composite", "not a composite action"
inputs = set(action["inputs"])
text = open(os.path.join(root, "action.yml")).read()
used = set(re.findall(r"inputs\.([a-z-]+)", text))
errors += [f"input {i} is used but not declared" for i in sorted(used - inputs)]
errors += [f"input {i} is declared but never used" for i in sorted(inputs - used)]
ids = {s.get("id") for s in action["runs"]["steps"]}
for name, output in action["outputs"].items():
    for step in re.findall(r"steps\.([a-z-]+)\.", output["value"]):
        if step not in ids:
            errors.append(f"output {name} reads step {step}, which does not exist")
for step in action["runs"]["steps"]:
    if "run" in step:
        if step.get("shell") != "bash":
            errors.append(f"step {step['name']!r}: shell is not bash")
        if "${{" in step["run"]:
            errors.append(f"step {step['name']!r}: an expression inside run: (use env:)")
        for script in re.findall(r"\$GITHUB_ACTION_PATH/([\w./-]+)", step["run"]):
            if not os.path.isfile(os.path.join(root, script)):
                errors.append(f"step {step['name']!r} runs {script}, which does not exist")
    elif "uses" not in step:
        errors.append(f"step {step['name']!r} neither runs nor uses anything")
print("\n".join(errors))
sys.exit(1 if errors else 0)
PY

# 2. A pull request: main has 001, the branch `feature` adds an unsafe 002; the branch
# `clean` adds a safe one.
make_origin
git -C "$seed" checkout -q main
git -C "$seed" checkout -q -b clean
printf "SET lock_timeout = '2s';\nCREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);\n" \
  >"$seed/db/migrations/002_notes.sql"
git -C "$seed" add . && git -C "$seed" commit -q -m notes
git -C "$seed" push -q origin clean

# checkout BRANCH: a checkout of BRANCH as actions/checkout makes it (fetch-depth 1).
checkout() {
  rm -rf "$work/checkout"
  git clone -q --depth 1 --branch "$1" "file://$origin" "$work/checkout"
}

# action NAME EXPECTED_EXIT [VAR=VALUE…]: scripts/github-action in the checkout with the
# runner's variables and VAR=VALUE, output in $work/NAME.out, GITHUB_OUTPUT in
# $work/NAME.output, the job summary in $work/NAME.summary.
action() {
  local name=$1 expected=$2 rc=0
  shift 2
  : >"$work/$name.output"
  : >"$work/$name.summary"
  (cd "$work/checkout" && env GITHUB_ACTIONS=true GITHUB_WORKSPACE="$work/checkout" \
    GITHUB_OUTPUT="$work/$name.output" GITHUB_STEP_SUMMARY="$work/$name.summary" "$@" \
    bash "$root/scripts/github-action") >"$work/$name.out" 2>&1 || rc=$?
  ((rc == expected)) || fail "$name: scripts/github-action exited with $rc, expected $expected" "$work/$name.out"
}
expect_in() { # FILE TEXT
  grep -qF -- "$2" "$1" || fail "$(basename "$1"): does not say: $2" "$1"
}
expect_not_in() {
  if grep -qF -- "$2" "$1"; then fail "$(basename "$1"): says: $2" "$1"; fi
}

checkout feature
[[ $(git -C "$work/checkout" rev-parse --is-shallow-repository) == true ]] ||
  fail "the checkout is not shallow: the fetch of the history is not tested"
action pr 0 GITHUB_BASE_REF=main ZD_PATHS=db/migrations ZD_SARIF_FILE=zerodown.sarif
expect_in "$work/pr.out" "::error file=db/migrations/002_index_email.sql,line=2,col=1,"
expect_in "$work/pr.out" "title=zerodown%3A lock-create-index::CREATE INDEX users_email on public.users"
expect_not_in "$work/pr.out" "001_create_users.sql"
expect_in "$work/pr.output" "exit-code=1"
expect_in "$work/pr.summary" "lock-create-index"
expect_in "$work/pr.summary" "002_index_email.sql"
sarif=$work/checkout/zerodown.sarif
if [[ -f $sarif ]]; then
  python3 - "$sarif" >"$work/pr-sarif.out" 2>&1 <<'PY' || fail "the SARIF report" "$work/pr-sarif.out"
import json, sys
log = json.load(open(sys.argv[1]))
results = log["runs"][0]["results"]
files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
rules = {r["ruleId"] for r in results}
assert files == {"db/migrations/002_index_email.sql"}, files
assert "lock-create-index" in rules, rules
PY
else
  fail "no SARIF report at $sarif" "$work/pr.out"
fi

checkout clean
action clean 0 GITHUB_BASE_REF=main ZD_PATHS=db/migrations
expect_in "$work/clean.output" "exit-code=0"
expect_not_in "$work/clean.out" "::error"
expect_not_in "$work/clean.out" "::warning"

# A container job: the checkout belongs to another user than the one running the steps
# (made so only when the test runs as root).
if ((EUID == 0)); then
  checkout feature
  chown -R 1001:1001 "$work/checkout"
  action container 0 GITHUB_BASE_REF=main ZD_PATHS=db/migrations
  expect_in "$work/container.out" "::error file=db/migrations/002_index_email.sql"
  expect_in "$work/container.output" "exit-code=1"
fi

# A push: no pull request base, every migration is checked.
checkout feature
action push 0 ZD_PATHS=db/migrations
expect_in "$work/push.out" "::notice title=zerodown::no pull request base and no base-ref"
expect_in "$work/push.out" "::error file=db/migrations/002_index_email.sql"
expect_in "$work/push.output" "exit-code=1"

action unknown-base 1 ZD_BASE_REF=origin/no-such-branch ZD_PATHS=db/migrations
expect_in "$work/unknown-base.out" "::error title=zerodown::the base origin/no-such-branch is not a commit"

action missing-path 0 GITHUB_BASE_REF=main ZD_PATHS=$'db/migrations\nno/such/dir'
expect_in "$work/missing-path.output" "exit-code=2"

action options 0 GITHUB_BASE_REF=main ZD_PATHS=db/migrations ZD_FAIL_ON=never \
  ZD_PG_VERSION=16 ZD_ARGS="--ignore lock-timeout-missing --select type"
expect_in "$work/options.output" "exit-code=0"
expect_in "$work/options.out" "::error file=db/migrations/002_index_email.sql"

# Outside Actions (no GITHUB_OUTPUT) the exit code is zerodown's.
rc=0
(cd "$work/checkout" && GITHUB_BASE_REF=main ZD_PATHS=db/migrations \
  bash "$root/scripts/github-action") >"$work/local.out" 2>&1 || rc=$?
((rc == 1)) || fail "outside Actions: exit code $rc, expected 1" "$work/local.out"

# 3. The README's workflow.
readme_snippet github-workflow >"$work/workflow.yml"
python3 - "$root" "$work/workflow.yml" >"$work/workflow.env" 2>"$work/workflow.err" <<'PY' ||
import os, shlex, sys, yaml
root, path = sys.argv[1:]
workflow = yaml.safe_load(open(path))
action = yaml.safe_load(open(os.path.join(root, "action.yml")))
assert workflow["permissions"]["security-events"] == "write", "no security-events: write"
steps = workflow["jobs"]["zerodown"]["steps"]
checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
assert checkout and checkout[0]["with"]["fetch-depth"] == 0, "checkout without fetch-depth: 0"
ours = [s for s in steps if s.get("uses", "").startswith("zerodown/zerodown@")]
assert len(ours) == 1, "no step uses zerodown/zerodown"
given = ours[0].get("with", {})
unknown = set(given) - set(action["inputs"])
assert not unknown, f"inputs action.yml does not have: {unknown}"
# The environment action.yml's check step gets from these inputs.
inputs = {k: v.get("default", "") for k, v in action["inputs"].items()}
inputs.update({k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in given.items()})
env = {"ZD_PATHS": inputs["paths"], "ZD_BASE_REF": inputs["base-ref"],
       "ZD_FAIL_ON": inputs["fail-on"], "ZD_PG_VERSION": inputs["pg-version"],
       "ZD_CONFIG": inputs["config"], "ZD_ARGS": inputs["args"],
       "ZD_SARIF_FILE": inputs["sarif-file"] if inputs["sarif"] == "true" else ""}
print(" ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()))
PY
  fail "the README's workflow" "$work/workflow.err"
grep -q 'ZD_SARIF_FILE=zerodown.sarif' "$work/workflow.env" ||
  fail "the README's workflow does not ask for SARIF" "$work/workflow.env"
bash -n <(python3 -c 'import sys, yaml
for s in yaml.safe_load(open(sys.argv[1]))["jobs"]["zerodown"]["steps"]:
    print(s.get("run", ""))' "$work/workflow.yml") || fail "the README's workflow: a run: step is not valid bash"
checkout feature
rm -f "$work/checkout/zerodown.sarif"
eval "action readme-workflow 0 GITHUB_BASE_REF=main $(cat "$work/workflow.env")"
expect_in "$work/readme-workflow.out" "::error file=db/migrations/002_index_email.sql"
expect_in "$work/readme-workflow.output" "exit-code=1"
[[ -s $work/checkout/zerodown.sarif ]] || fail "the README's workflow: no zerodown.sarif" "$work/readme-workflow.out"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "ok   GitHub Action: action.yml, scripts/github-action, the README's workflow"
