-- Statements PostgreSQL refuses inside a transaction block. Each is run inside BEGIN (where
-- the server must refuse it) and never outside, so it changes nothing; the check is that
-- the server refuses it exactly when zerodown says "not-allowed". Format: see
-- b2-alter-table.sql.

-- case: create-index-concurrently
CREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);

-- case: drop-index-concurrently
DROP INDEX CONCURRENTLY users_name_idx;

-- case: reindex-index-concurrently
REINDEX INDEX CONCURRENTLY users_email_idx;

-- case: reindex-table-concurrently
REINDEX TABLE CONCURRENTLY users;

-- case: reindex-schema
REINDEX SCHEMA public;

-- case: detach-partition-concurrently
ALTER TABLE metrics DETACH PARTITION metrics_a CONCURRENTLY;

-- case: vacuum
VACUUM users;

-- case: vacuum-analyze
VACUUM (ANALYZE) users;

-- case: vacuum-full
VACUUM FULL users;

-- case: cluster-bare
CLUSTER;
