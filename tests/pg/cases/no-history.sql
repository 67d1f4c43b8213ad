-- The same kinds of statement with no history: zerodown sees the case alone (`-- history:
-- none`), so its catalog cannot name partitions, foreign keys, column types or the tables
-- using a domain. What it cannot name it describes ("the DEFAULT partition of …"), and the
-- comparison resolves those descriptions against the server. Format: see b2-alter-table.sql.

-- case: no-history-attach-partition
-- history: none
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- case: no-history-detach-partition
-- history: none
ALTER TABLE events DETACH PARTITION events_2023;

-- case: no-history-create-table-partition-of
-- history: none
CREATE TABLE events_2022 PARTITION OF events FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');

-- case: no-history-alter-domain-add-check
-- history: none
ALTER DOMAIN quantity ADD CONSTRAINT quantity_non_negative CHECK (VALUE >= 0);

-- case: no-history-drop-index
-- history: none
DROP INDEX users_name_idx;

-- case: no-history-reindex-index
-- history: none
REINDEX INDEX users_email_idx;

-- case: no-history-reindex-table
-- history: none
REINDEX TABLE users;

-- case: no-history-type-varchar-widen
-- history: none
-- unknown-ok: without history the old type is unknown
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);

-- case: no-history-type-int-to-bigint
-- history: none
-- unknown-ok: without history the old type is unknown
ALTER TABLE users ALTER COLUMN age TYPE bigint;

-- case: no-history-drop-view-cascade
-- history: none
DROP TABLE audit_log CASCADE;

-- case: no-history-set-tablespace-pg-default
-- history: none
ALTER TABLE archived_orders SET TABLESPACE pg_default;
