-- The comparison of tests/pg/run.sh: zerodown's prediction (explain.json) against what the
-- server did (observed.csv), in the test database after every case was rolled back, so
-- "the table of index …"-style descriptions resolve against the setup's catalog.
-- psql variables: work (the run's folder), verbose (0/1), ncases.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\pset footer off
\pset null ''

CREATE SCHEMA zd_test;
SET search_path = zd_test, pg_catalog;

-- Lock modes in PostgreSQL's order (1 = ACCESS SHARE … 8 = ACCESS EXCLUSIVE).
CREATE FUNCTION mode_rank(m text) RETURNS int IMMUTABLE LANGUAGE sql AS $$
  SELECT array_position(ARRAY['AccessShareLock', 'RowShareLock', 'RowExclusiveLock',
                              'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock',
                              'ExclusiveLock', 'AccessExclusiveLock'], m)
$$;
CREATE FUNCTION short_mode(m text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE m WHEN 'AccessShareLock' THEN 'AS' WHEN 'RowShareLock' THEN 'RS'
                WHEN 'RowExclusiveLock' THEN 'RX' WHEN 'ShareUpdateExclusiveLock' THEN 'SUE'
                WHEN 'ShareLock' THEN 'SHR' WHEN 'ShareRowExclusiveLock' THEN 'SRE'
                WHEN 'ExclusiveLock' THEN 'EXC' WHEN 'AccessExclusiveLock' THEN 'AEL'
                ELSE m END
$$;
-- The relations a lock zerodown cannot name (role "relation") stands for, from its
-- description. Unknown descriptions resolve to nothing and are listed as unchecked.
CREATE FUNCTION resolve(description text) RETURNS SETOF text STABLE LANGUAGE sql AS $$
  SELECT n.nspname || '.' || c.relname
  FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
  WHERE c.oid IN (
    SELECT indrelid FROM pg_index
    WHERE indexrelid = to_regclass(substring(description FROM '^the table of index (\S+)$'))
    UNION ALL
    SELECT indexrelid FROM pg_index
    WHERE indrelid = to_regclass(substring(description FROM '^every index of (\S+)$'))
    UNION ALL
    SELECT a.attrelid FROM pg_attribute AS a JOIN pg_class AS r ON r.oid = a.attrelid
    WHERE r.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped
      AND a.atttypid = to_regtype(substring(description FROM
                                            '^every table with a column of domain (\S+)$'))
    UNION ALL
    SELECT r.ev_class FROM pg_depend AS d JOIN pg_rewrite AS r ON r.oid = d.objid
    WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
      AND r.ev_class <> d.refobjid
      AND d.refobjid = to_regclass(substring(description FROM
                                             '^every view that depends on (\S+)$'))
    UNION ALL
    SELECT partdefid FROM pg_partitioned_table
    WHERE partrelid = to_regclass(substring(description FROM
                                            '^the DEFAULT partition of (\S+), if it has one$'))
    UNION ALL
    SELECT relid FROM pg_partition_tree(to_regclass(substring(description FROM
                                                             '^every partition of (\S+)$')))
    WHERE level > 0)
$$;

-- What the server did.
CREATE TABLE raw (tag text, case_name text, phase text, a text, b text, c text, d text);
\set path :work '/observed.csv'
COPY raw FROM :'path' (FORMAT csv);
CREATE TABLE directive (case_name text, directive text, detail text);
\set path :work '/directives.tsv'
COPY directive FROM :'path';

-- What zerodown predicted: the last statement of each case's migration.
\set path :work '/explain.json'
CREATE TABLE explain AS SELECT pg_read_file(:'path')::jsonb AS doc;
CREATE TABLE prediction AS
SELECT regexp_replace(f ->> 'file', '^.*/([^/]+)\.sql$', '\1') AS case_name,
       f -> 'statements' -> -1 AS stmt,
       (SELECT string_agg(format('line %s: %s', s ->> 'line', s ->> 'error'), '; ')
        FROM jsonb_array_elements(f -> 'statements') AS s WHERE s ? 'error') AS parse_errors
FROM explain, jsonb_array_elements(doc -> 'files') AS f;

-- The cases: every case that has a status row or a prediction.
CREATE TABLE cases AS
SELECT case_name,
       (SELECT string_agg(line, ' ')
        FROM regexp_split_to_table(pg_read_file(:'work' || '/bodies/' || case_name || '.sql'),
                                   '\n') AS line
        WHERE line !~ '^\s*--' AND line ~ '\S') AS body
FROM (SELECT case_name FROM raw WHERE tag = 'status' UNION SELECT case_name FROM prediction) AS c;
-- The measured statement: the body's last, on one line.
ALTER TABLE cases ADD COLUMN statement text;
UPDATE cases SET statement = left(regexp_replace(trim(
  (SELECT s FROM regexp_split_to_table(body, ';') WITH ORDINALITY AS t(s, i)
   WHERE s ~ '\S' ORDER BY i DESC LIMIT 1)), '\s+', ' ', 'g'), 90);

CREATE TABLE status AS
SELECT case_name, phase, a AS sqlstate, b AS message FROM raw WHERE tag = 'status';

-- Observed locks, strongest per relation, on user relations only.
CREATE TABLE observed AS
SELECT case_name, a AS relation, b AS relkind, d = 'created' AS created,
       (array_agg(c ORDER BY mode_rank(c) DESC))[1] AS mode
FROM raw
WHERE tag = 'lock' AND phase = 'tx' AND a ~ '\.'
  AND split_part(a, '.', 1) NOT LIKE 'pg\_%'
  AND split_part(a, '.', 1) NOT IN ('information_schema', 'zd_test')
GROUP BY case_name, a, b, d;

-- Predicted locks: named ones, and the ones whose description resolves.
CREATE TABLE predicted_raw AS
SELECT p.case_name, l ->> 'relation' AS relation, l ->> 'role' AS role,
       l ->> 'pg_locks_mode' AS mode, (l ->> 'created')::boolean AS created
FROM prediction AS p, jsonb_array_elements(p.stmt -> 'locks') AS l;
CREATE TABLE resolved AS
SELECT description, relation
FROM (SELECT DISTINCT relation AS description FROM predicted_raw WHERE role = 'relation') AS d,
     resolve(description) AS relation;
CREATE TABLE predicted AS
SELECT case_name, relation, (array_agg(mode ORDER BY mode_rank(mode) DESC))[1] AS mode,
       bool_or(created) AS created, string_agg(DISTINCT via, ', ') AS via
FROM (SELECT case_name, relation, mode, created, NULL AS via
      FROM predicted_raw WHERE role <> 'relation'
      UNION ALL
      SELECT p.case_name, r.relation, p.mode, false, p.relation
      FROM predicted_raw AS p JOIN resolved AS r ON r.description = p.relation
      WHERE p.role = 'relation') AS x
GROUP BY case_name, relation;

CREATE TABLE mismatch (case_name text, statement text, what text, predicted text,
                       observed text);
CREATE TABLE note (case_name text, statement text, what text, predicted text, observed text);

-- A case that the server or zerodown could not run is broken whatever the locks.
INSERT INTO mismatch
SELECT c.case_name, c.statement, 'case failed', '',
       format('%s: %s', s.sqlstate, s.message)
FROM cases AS c JOIN status AS s ON s.case_name = c.case_name AND s.phase = 'tx'
WHERE s.sqlstate NOT IN ('00000', '25001');
INSERT INTO mismatch
SELECT c.case_name, c.statement, 'not run', '', 'no result from the server'
FROM cases AS c WHERE NOT EXISTS (SELECT FROM status AS s WHERE s.case_name = c.case_name);
INSERT INTO mismatch
SELECT c.case_name, c.statement, 'no prediction', 'nothing from explain-sql', ''
FROM cases AS c WHERE NOT EXISTS (SELECT FROM prediction AS p WHERE p.case_name = c.case_name);
INSERT INTO mismatch
SELECT p.case_name, c.statement, 'parse error', p.parse_errors, ''
FROM prediction AS p JOIN cases AS c USING (case_name) WHERE p.parse_errors IS NOT NULL;
INSERT INTO mismatch
SELECT p.case_name, c.statement, 'not modelled', p.stmt ->> 'kind' || ' not modelled', ''
FROM prediction AS p JOIN cases AS c USING (case_name)
WHERE NOT (p.stmt ->> 'modelled')::boolean;

-- Transaction blocks: refused inside BEGIN exactly when zerodown says not-allowed.
INSERT INTO mismatch
SELECT c.case_name, c.statement, 'transaction', p.stmt ->> 'transaction',
       CASE WHEN s.sqlstate = '25001' THEN 'refused inside BEGIN: ' || s.message
            ELSE 'runs inside BEGIN' END
FROM cases AS c JOIN prediction AS p USING (case_name)
JOIN status AS s ON s.case_name = c.case_name AND s.phase = 'tx'
WHERE s.sqlstate IN ('00000', '25001')
  AND (s.sqlstate = '25001') <> (p.stmt ->> 'transaction' = 'not-allowed');
-- LOCK outside a block: refused exactly when zerodown says only-inside.
INSERT INTO mismatch
SELECT c.case_name, c.statement, 'transaction', p.stmt ->> 'transaction',
       CASE WHEN s.sqlstate = '25P01' THEN 'refused outside a block: ' || s.message
            WHEN s.sqlstate = '00000' THEN 'runs outside a block'
            ELSE format('fails outside a block: %s: %s', s.sqlstate, s.message) END
FROM cases AS c JOIN prediction AS p USING (case_name)
JOIN status AS s ON s.case_name = c.case_name AND s.phase = 'outside'
WHERE (s.sqlstate = '25P01') <> (p.stmt ->> 'transaction' = 'only-inside');
INSERT INTO mismatch
SELECT c.case_name, c.statement, 'transaction', 'only-inside',
       'not a LOCK statement: not run outside a block, so not checked'
FROM cases AS c JOIN prediction AS p USING (case_name)
WHERE p.stmt ->> 'transaction' = 'only-inside'
  AND NOT EXISTS (SELECT FROM status AS s WHERE s.case_name = c.case_name
                                             AND s.phase = 'outside');

-- The cases whose locks and rewrite are compared: they ran inside BEGIN.
CREATE TABLE measured AS
SELECT c.case_name, c.statement, p.stmt
FROM cases AS c JOIN prediction AS p USING (case_name)
JOIN status AS s ON s.case_name = c.case_name AND s.phase = 'tx' AND s.sqlstate = '00000';

-- Every predicted lock is held, in that mode.
INSERT INTO mismatch
SELECT m.case_name, m.statement, 'lock',
       format('%s on %s%s', short_mode(pr.mode), pr.relation,
              coalesce(' (' || pr.via || ')', '')),
       CASE WHEN o.relation IS NULL THEN 'no lock on ' || pr.relation
            ELSE format('%s on %s', short_mode(o.mode), o.relation) END
FROM measured AS m JOIN predicted AS pr USING (case_name)
LEFT JOIN observed AS o ON o.case_name = m.case_name AND o.relation = pr.relation
WHERE o.mode IS DISTINCT FROM pr.mode;
-- Every lock stronger than ACCESS SHARE on an existing table, view or materialized view
-- is predicted; ACCESS SHARE too when the statement holds nothing stronger on such
-- relations (its only locks).
INSERT INTO mismatch
SELECT m.case_name, m.statement, 'lock', 'no lock on ' || o.relation,
       format('%s on %s', short_mode(o.mode), o.relation)
FROM measured AS m JOIN observed AS o USING (case_name)
WHERE NOT o.created AND o.relkind IN ('r', 'p', 'm', 'v', 'f')
  AND NOT EXISTS (SELECT FROM predicted AS pr
                  WHERE pr.case_name = m.case_name AND pr.relation = o.relation)
  AND (mode_rank(o.mode) > 1
       OR NOT EXISTS (SELECT FROM observed AS o2
                      WHERE o2.case_name = m.case_name AND NOT o2.created
                        AND o2.relkind IN ('r', 'p', 'm', 'v', 'f')
                        AND mode_rank(o2.mode) > 1));
-- Descriptions the comparison could not resolve (not checked, listed).
INSERT INTO note
SELECT m.case_name, m.statement, 'unresolved',
       format('%s on %s', short_mode(pr.mode), pr.relation), 'not checked'
FROM measured AS m JOIN predicted_raw AS pr USING (case_name)
WHERE pr.role = 'relation'
  AND NOT EXISTS (SELECT FROM resolved AS r WHERE r.description = pr.relation);

-- Rewrite: an existing table's (or materialized view's) relfilenode changed.
CREATE VIEW rewrite_check AS
SELECT m.case_name, m.statement, m.stmt ->> 'rewrite' AS predicted,
       (SELECT string_agg(a, ', ' ORDER BY a) FROM raw AS r
        WHERE r.tag = 'rewrite' AND r.phase = 'tx' AND r.case_name = m.case_name) AS rewritten,
       EXISTS (SELECT FROM directive AS d WHERE d.case_name = m.case_name
                                            AND d.directive = 'unknown-ok') AS unknown_ok,
       EXISTS (SELECT FROM directive AS d WHERE d.case_name = m.case_name
                                            AND d.directive = 'rewrite'
                                            AND d.detail ~ '^ignore') AS ignore
FROM measured AS m;
INSERT INTO mismatch
SELECT case_name, statement, 'rewrite', 'rewrite ' || predicted,
       coalesce('rewritten: ' || rewritten, 'no relfilenode changed')
FROM rewrite_check
WHERE NOT ignore
  AND CASE predicted WHEN 'yes' THEN rewritten IS NULL
                     WHEN 'no' THEN rewritten IS NOT NULL
                     ELSE NOT unknown_ok END;
INSERT INTO note
SELECT case_name, statement, 'rewrite', 'rewrite ' || predicted,
       coalesce('rewritten: ' || rewritten, 'no relfilenode changed')
FROM rewrite_check WHERE NOT ignore AND predicted = 'unknown' AND unknown_ok;

-- Scan (information only): seq_scan counters of existing tables.
INSERT INTO note
SELECT m.case_name, m.statement, 'scan', 'scan ' || (m.stmt ->> 'scan'),
       coalesce('seq scans: ' || s.scanned, 'no seq scan')
FROM measured AS m
LEFT JOIN (SELECT case_name, string_agg(a || ' ×' || c, ', ' ORDER BY a) AS scanned
           FROM raw WHERE tag = 'scan' AND phase = 'tx' GROUP BY case_name) AS s USING (case_name)
WHERE (m.stmt ->> 'scan' = 'yes') <> (s.scanned IS NOT NULL)
  AND m.stmt ->> 'scan' <> 'unknown';

\if :verbose
\echo
\echo 'Every case: predicted and observed'
SELECT c.case_name AS "case", c.statement,
       p.stmt ->> 'transaction' AS tx,
       (SELECT string_agg(format('%s %s', short_mode(mode), relation), ', ' ORDER BY relation)
        FROM predicted_raw AS x WHERE x.case_name = c.case_name) AS predicted,
       (SELECT string_agg(format('%s %s%s', short_mode(mode), relation,
                                 CASE WHEN created THEN '*' ELSE '' END), ', ' ORDER BY relation)
        FROM observed AS o WHERE o.case_name = c.case_name
          AND (o.relkind NOT IN ('i', 'I', 'S') OR mode_rank(o.mode) > 1)) AS observed,
       p.stmt ->> 'rewrite' AS "rewrite?",
       (SELECT string_agg(a, ', ') FROM raw AS r WHERE r.tag = 'rewrite'
          AND r.case_name = c.case_name) AS rewritten,
       (SELECT string_agg(format('%s/%s', phase, sqlstate), ' ') FROM status AS s
        WHERE s.case_name = c.case_name) AS status
FROM cases AS c LEFT JOIN prediction AS p USING (case_name)
ORDER BY c.case_name;
\endif

SELECT count(*) AS zd_notes FROM note \gset
\if :verbose
\echo
\echo 'Notes (not failures): rewrite "unknown" where allowed, unresolved descriptions, scans'
SELECT case_name AS "case", statement, what, predicted, observed FROM note
ORDER BY what, case_name;
\endif

SELECT count(*) AS zd_mismatches, count(DISTINCT case_name) AS zd_cases_failing,
       count(*) > 0 AS zd_failed
FROM mismatch \gset
\echo
\if :zd_failed
\echo 'Mismatches between zerodown and PostgreSQL (predicted vs observed):'
SELECT case_name AS "case", statement, what, predicted, observed FROM mismatch
ORDER BY case_name, what, predicted;
\echo :zd_mismatches 'mismatches in' :zd_cases_failing 'of' :ncases 'cases;' :zd_notes 'notes (ZERODOWN_PG_VERBOSE=1 lists them).'
\echo 'RESULT: FAIL'
\else
\echo 'No mismatches in' :ncases 'cases;' :zd_notes 'notes (ZERODOWN_PG_VERBOSE=1 lists them).'
\echo 'RESULT: PASS'
\endif
