-- A partitioned table, a materialized view over it, and a table with a known column type.
SET lock_timeout = '2s';

CREATE TABLE events (
    seen_at timestamptz NOT NULL,
    kind    text NOT NULL,
    payload jsonb
) PARTITION BY RANGE (seen_at);

CREATE MATERIALIZED VIEW event_counts AS SELECT kind, count(*) AS n FROM events GROUP BY kind;

CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(100));

-- A partitioned table rebuilt under a new name, its partitions made by dynamic SQL, then
-- renamed into place: still partitioned.
CREATE TABLE audit_log_new (at timestamptz NOT NULL, entry text) PARTITION BY RANGE (at);
DO $$
BEGIN
    EXECUTE format('CREATE TABLE audit_log_%s PARTITION OF audit_log_new DEFAULT',
                   to_char(now(), 'YYYY'));
END
$$;
ALTER TABLE audit_log_new RENAME TO audit_log;
