#!/usr/bin/env bash
# The lock model checked against a real PostgreSQL server.
#
#   tests/pg/run.sh ZERODOWN_BINARY [CASE_NAME_REGEX]
#
# Starts a throwaway cluster (initdb in a temporary folder, listening only on a Unix socket
# in that folder, no TCP), runs tests/pg/setup.sql once, then runs each case of
# tests/pg/cases/*.sql as
#
#   BEGIN; <snapshot of pg_class>; <case>; <the backend's own relation locks from pg_locks,
#   changed relfilenodes, seq_scan counters>; ROLLBACK;
#
# and compares what the server did with `zerodown explain-sql --format json` for the last
# statement of the case, given setup.sql + the case as one migration (so the catalog
# replays the setup). The comparison is tests/pg/compare.sql; it prints a table of
# mismatches and this script fails if there is any. The cluster is always stopped and
# removed (trap), also on failure or Ctrl-C.
#
# What is compared, per case:
#   locks        every lock zerodown predicts on a named relation (and on the relations its
#                "the table of index …"-style descriptions resolve to) is held, in exactly
#                that mode (the strongest mode held on the relation); every lock stronger
#                than ACCESS SHARE held on an existing table, view or materialized view is
#                predicted. Locks on pg_catalog, information_schema, TOAST and temporary
#                relations, on relations the statement itself creates (unless zerodown names
#                them) and on indexes zerodown does not name are ignored; ACCESS SHARE side
#                locks are ignored unless they are the statement's only locks.
#   rewrite      "yes"/"no" must match whether an existing table's relfilenode changed;
#                "unknown" only where the case says `-- unknown-ok: WHY`.
#   transaction  inside BEGIN the server refuses the statement ("cannot run inside a
#                transaction block") exactly when zerodown says "not-allowed"; LOCK
#                statements are also run outside a block, where the server must refuse
#                them exactly when zerodown says "only-inside".
#   errors       any other error of a case is a broken case (setup and case disagree).
#   scan         reported for information only (seq_scan counters), never a failure.
#
# PostgreSQL refuses to run as root: as root, the server and psql run as an unprivileged
# user (ZERODOWN_PG_USER, default `nobody`) through setpriv or runuser.
#
# Environment:
#   ZERODOWN_PG_BINDIR   where initdb, pg_ctl, postgres and psql are
#                        (default /usr/lib/postgresql/15/bin, Debian's postgresql-15)
#   ZERODOWN_PG_USER     the unprivileged user to run PostgreSQL as when run as root
#   ZERODOWN_PG_KEEP=1   keep the temporary folder (the cluster is still stopped)
#   ZERODOWN_PG_VERBOSE=1  print every comparison, not only the mismatches
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() {
  printf 'tests/pg: error: %s\n' "$*" >&2
  exit 1
}
say() { printf 'tests/pg: %s\n' "$*"; }

[[ $# -ge 1 ]] || die "usage: $0 ZERODOWN_BINARY [CASE_NAME_REGEX]"
zerodown=$1
filter=${2:-}
[[ -x $zerodown ]] || die "zerodown binary not found or not executable: $zerodown"
zerodown=$(cd "$(dirname "$zerodown")" && pwd)/$(basename "$zerodown")

# --- PostgreSQL -------------------------------------------------------------------------
bindir=${ZERODOWN_PG_BINDIR:-/usr/lib/postgresql/15/bin}
for tool in initdb pg_ctl postgres psql; do
  [[ -x $bindir/$tool ]] ||
    die "PostgreSQL 15 is not installed ($bindir/$tool is missing). Install the Debian package" \
      "postgresql-15 (bash scripts/setup installs it: apt-get install postgresql-15), or point" \
      "ZERODOWN_PG_BINDIR at the bin folder of a PostgreSQL 15 installation."
done
server_version=$("$bindir/postgres" --version) || die "cannot run $bindir/postgres --version"
pg_major=$(sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$server_version")
[[ $pg_major =~ ^[0-9]+$ ]] || die "cannot read the major version from: $server_version"
[[ $pg_major == 15 ]] ||
  say "warning: the cases were written for PostgreSQL 15; this server is $server_version"

# --- who runs the server ----------------------------------------------------------------
as_pg=()
if ((EUID == 0)); then
  pg_user=${ZERODOWN_PG_USER:-nobody}
  pg_uid=$(id -u "$pg_user" 2>/dev/null) ||
    die "running as root, and PostgreSQL refuses root; user '$pg_user' does not exist" \
      "(set ZERODOWN_PG_USER to an unprivileged user)"
  pg_gid=$(id -g "$pg_user")
  ((pg_uid != 0)) || die "ZERODOWN_PG_USER=$pg_user is root; PostgreSQL refuses to run as root"
  if command -v setpriv >/dev/null; then
    as_pg=(setpriv --reuid="$pg_uid" --regid="$pg_gid" --clear-groups --)
  elif command -v runuser >/dev/null; then
    as_pg=(runuser -u "$pg_user" --)
  else
    die "running as root: need setpriv or runuser to run PostgreSQL as '$pg_user'"
  fi
  "${as_pg[@]}" true || die "cannot switch to user '$pg_user' with ${as_pg[0]}"
fi

# --- the throwaway cluster --------------------------------------------------------------
# The socket path must stay short (Unix sockets: about 100 bytes).
tmp_parent=${TMPDIR:-/tmp}
((${#tmp_parent} < 60)) || tmp_parent=/tmp
work=$(mktemp -d "$tmp_parent/zerodown-pg.XXXXXX")
data=$work/data
sock=$work/sock
started=0
cleanup() {
  local rc=$?
  if ((started)); then
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    # If pg_ctl could not stop it, end the postmaster this script started, by its pid.
    if [[ -f $data/postmaster.pid ]]; then
      local pid
      pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
      [[ $pid =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if [[ ${ZERODOWN_PG_KEEP:-0} == 1 ]]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$sock" "$work/tablespace" "$work/migrations"
chmod 755 "$work"
if ((EUID == 0)); then
  chown "$pg_uid:$pg_gid" "$work" "$sock" "$work/tablespace"
  "${as_pg[@]}" test -w "$sock" ||
    die "user '$pg_user' cannot write to $sock (is $tmp_parent reachable for it? set TMPDIR)"
fi
export PGHOST=$sock PGPORT=5432 PGUSER=zerodown PGDATABASE=postgres PGTZ=UTC
export HOME=$work LC_ALL=C.UTF-8 PGAPPNAME=zerodown-pg-test

start_time=$SECONDS
if ! "${as_pg[@]}" "$bindir/initdb" -D "$data" -U zerodown --auth=trust --no-sync \
  -E UTF8 --locale=C >"$work/initdb.log" 2>&1; then
  cat "$work/initdb.log" >&2
  die "initdb failed"
fi
started=1
if ! "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$sock' -c port=5432 \
      -c autovacuum=off -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c timezone=UTC -c max_locks_per_transaction=256" start >"$work/pg_ctl.log" 2>&1; then
  cat "$work/pg_ctl.log" "$work/server.log" >&2 2>/dev/null || true
  die "the PostgreSQL server did not start"
fi

psql_() { "${as_pg[@]}" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_ -d postgres -c "CREATE TABLESPACE zd_ts LOCATION '$work/tablespace'" \
  -c "CREATE DATABASE zd" -c "ALTER DATABASE zd SET lock_timeout = '10s'" \
  -c "ALTER DATABASE zd SET statement_timeout = '120s'" \
  -c "ALTER DATABASE zd SET client_min_messages = warning" >/dev/null ||
  die "could not create the test database"
cp "$here/setup.sql" "$work/setup.sql"
psql_ -d zd -f "$work/setup.sql" >"$work/setup.log" 2>&1 || {
  cat "$work/setup.log" >&2
  die "tests/pg/setup.sql failed"
}

# --- the cases --------------------------------------------------------------------------
# Split tests/pg/cases/*.sql at "-- case: NAME" lines into $work/migrations/NAME.sql
# (setup.sql + the case, for zerodown) and $work/bodies/NAME.sql (the case alone).
mkdir -p "$work/bodies"
shopt -s nullglob
case_files=("$here"/cases/*.sql)
((${#case_files[@]} > 0)) || die "no case files in $here/cases"
awk -v out="$work/bodies" '
  /^-- case: / {
    if (file != "") close(file)
    name = $3
    if (name !~ /^[a-z0-9][a-z0-9._-]*$/) { print "bad case name: " name > "/dev/stderr"; exit 2 }
    if (name in seen) { print "duplicate case name: " name > "/dev/stderr"; exit 2 }
    seen[name] = 1
    file = out "/" name ".sql"
    printf "" > file
    next
  }
  file != "" { print > file }
' "${case_files[@]}" || die "could not split the case files"

cases=()
for body in "$work"/bodies/*.sql; do
  name=$(basename "$body" .sql)
  if [[ -n $filter && ! $name =~ $filter ]]; then
    rm "$body"
    continue
  fi
  cases+=("$name")
  # Trailing blank lines off, so the migration's last statement is the case's last.
  sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$body"
  # A folder per case: the migrations of one folder are one history, and the cases are
  # independent of each other.
  mkdir "$work/migrations/$name"
  if grep -qE '^--[[:space:]]*history:[[:space:]]*none' "$body"; then
    cp "$body" "$work/migrations/$name/$name.sql"
  else
    { cat "$here/setup.sql"; printf '\n'; cat "$body"; } >"$work/migrations/$name/$name.sql"
  fi
done
((${#cases[@]} > 0)) || die "no case matches '$filter'"

# The prediction: one explain-sql run over every case's migration.
set +e
"$zerodown" explain-sql --pg-version "$pg_major" --format json "$work"/migrations/*/*.sql \
  >"$work/explain.json" 2>"$work/explain.stderr"
rc=$?
set -e
if ((rc != 0)) || [[ -s $work/explain.stderr ]]; then
  cat "$work/explain.stderr" >&2
  die "zerodown explain-sql exited $rc"
fi

# The observation: one psql session runs every case, printing CSV rows
# (tag, case, phase, a, b, c, d) that compare.sql loads.
script=$work/observe.sql
snapshot_sql=$(
  cat <<'SQL'
SELECT coalesce(jsonb_object_agg(c.oid::text, jsonb_build_object(
         'name', n.nspname || '.' || c.relname, 'kind', c.relkind,
         'rfn', c.relfilenode::text)), '{}')::text AS zd_before,
       (SELECT max(oid) FROM pg_class)::text AS zd_maxoid,
       (SELECT coalesce(jsonb_object_agg(relid::text, seq_scan), '{}')
          FROM pg_stat_xact_user_tables)::text AS zd_scans
FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.oid >= 16384 AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
\gset
SQL
)
observe_sql=$(
  cat <<'SQL'
SELECT 'lock', :'zd_case', :'zd_phase',
       coalesce(b.value ->> 'name', n.nspname || '.' || c.relname, 'oid ' || l.relation),
       coalesce(b.value ->> 'kind', c.relkind::text, '?'), l.mode,
       CASE WHEN l.relation::bigint > :zd_maxoid THEN 'created' ELSE 'existing' END
FROM pg_locks AS l
LEFT JOIN jsonb_each(:'zd_before'::jsonb) AS b ON b.key = l.relation::text
LEFT JOIN pg_class AS c ON c.oid = l.relation
LEFT JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid() AND l.granted
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database());
SELECT 'rewrite', :'zd_case', :'zd_phase', b.value ->> 'name', b.value ->> 'kind',
       b.value ->> 'rfn', c.relfilenode::text
FROM jsonb_each(:'zd_before'::jsonb) AS b JOIN pg_class AS c ON c.oid = b.key::oid
WHERE b.value ->> 'kind' IN ('r', 'm') AND c.relfilenode::text <> b.value ->> 'rfn';
SELECT 'scan', :'zd_case', :'zd_phase', n.nspname || '.' || c.relname, c.relkind::text,
       (s.seq_scan - coalesce((:'zd_scans'::jsonb ->> s.relid::text)::bigint, 0))::text, ''
FROM pg_stat_xact_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE s.relid::bigint <= :zd_maxoid
  AND s.seq_scan > coalesce((:'zd_scans'::jsonb ->> s.relid::text)::bigint, 0);
SQL
)
status_sql="SELECT 'status', :'zd_case', :'zd_phase',
       CASE WHEN :zd_failed THEN :'LAST_ERROR_SQLSTATE' ELSE '00000' END,
       CASE WHEN :zd_failed THEN :'LAST_ERROR_MESSAGE' ELSE '' END, '', '';"
{
  printf '\\pset format csv\n\\pset tuples_only on\n\\set ON_ERROR_STOP 0\n'
  for name in "${cases[@]}"; do
    body=$work/bodies/$name.sql
    printf '\n\\set zd_case %s\n\\set zd_phase tx\nRESET ALL;\nBEGIN;\n' "$name"
    printf '%s\n\\o /dev/null\n' "$snapshot_sql"
    cat "$body"
    printf '\n\\o\n\\if :ERROR\n\\set zd_failed true\n\\else\n\\set zd_failed false\n'
    printf '%s\n' "$observe_sql"
    printf '\\endif\nROLLBACK;\n%s\n' "$status_sql"
    # LOCK is refused outside a transaction block; running it there changes nothing.
    if grep -qiE '^[[:space:]]*LOCK[[:space:]]' "$body"; then
      printf '\\set zd_phase outside\nRESET ALL;\n'
      cat "$body"
      printf '\n\\if :ERROR\n\\set zd_failed true\n\\else\n\\set zd_failed false\n\\endif\n%s\n' "$status_sql"
    fi
  done
} >"$script"

psql_ -d zd -v ON_ERROR_STOP=0 -f "$script" >"$work/observed.csv" 2>"$work/observe.stderr" || {
  tail -n 40 "$work/observe.stderr" >&2
  die "psql could not run the cases"
}
observe_time=$((SECONDS - start_time))

# --- the comparison ---------------------------------------------------------------------
chmod 644 "$work/explain.json" "$work/observed.csv"
[[ -z ${as_pg[*]} ]] || chown "$pg_uid:$pg_gid" "$work/explain.json" "$work/observed.csv"
# Every case's directives, as "name<TAB>directive<TAB>text" rows.
for name in "${cases[@]}"; do
  sed -nE "s/^--[[:space:]]*(unknown-ok|rewrite):[[:space:]]*(.*)$/$name\t\1\t\2/p" \
    "$work/bodies/$name.sql"
done >"$work/directives.tsv"
chmod 644 "$work/directives.tsv"
[[ -z ${as_pg[*]} ]] || chown "$pg_uid:$pg_gid" "$work/directives.tsv"

cp "$here/compare.sql" "$work/compare.sql"
set +e
psql_ -d zd -v work="$work" -v verbose="${ZERODOWN_PG_VERBOSE:-0}" -v ncases="${#cases[@]}" \
  -f "$work/compare.sql" >"$work/compare.out" 2>&1
rc=$?
set -e
cat "$work/compare.out"
((rc == 0)) || die "the comparison itself failed (psql exit $rc)"
say "${#cases[@]} cases against $server_version in $((SECONDS - start_time))s" \
  "(cluster + cases: ${observe_time}s)"
if grep -q '^RESULT: FAIL' "$work/compare.out"; then
  exit 1
fi
grep -q '^RESULT: PASS' "$work/compare.out" || die "the comparison printed no verdict"
