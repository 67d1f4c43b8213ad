-- Dynamic SQL makes the schema unknown: the type accounts.email had is no longer taken for
-- granted. But events is still partitioned (only a DROP and a new CREATE could change
-- that): ON ONLY is the catalog-only first step of the per-partition recipe, and
-- CONCURRENTLY on the parent fails. On a materialized view the lock holds up its REFRESH.
-- audit_log was renamed into place after dynamic SQL: still partitioned.
SET lock_timeout = '2s';

DO $$
BEGIN
    EXECUTE format('CREATE TABLE events_%s PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                   to_char(now(), 'YYYYMM'), date_trunc('month', now()),
                   date_trunc('month', now()) + interval '1 month');
END
$$;

CREATE INDEX idx_events_kind ON ONLY events (kind);
CREATE INDEX CONCURRENTLY idx_events_seen_at ON events (seen_at);
CREATE INDEX idx_event_counts_kind ON event_counts (kind);
ALTER TABLE accounts ALTER COLUMN email TYPE varchar(200);
CREATE INDEX idx_audit_log_entry ON audit_log (entry);
