-- Statements other than ALTER TABLE (postgres-locks.md B4) that may run inside a
-- transaction block. Format: see b2-alter-table.sql.

-- case: create-index
CREATE INDEX users_bio_idx ON users (bio);

-- case: create-unique-index
CREATE UNIQUE INDEX users_email_uidx ON users (email);

-- case: create-index-if-not-exists-existing
CREATE INDEX IF NOT EXISTS users_email_idx ON users (email);

-- case: create-index-unnamed
CREATE INDEX ON users (status);

-- case: create-index-partitioned-parent
CREATE INDEX events_payload_idx ON events (payload);

-- case: create-index-on-only-parent
CREATE INDEX events_id_idx ON ONLY events (id);

-- case: drop-index
DROP INDEX users_name_idx;

-- case: reindex-index
REINDEX INDEX users_email_idx;

-- case: reindex-table
REINDEX TABLE users;

-- case: create-trigger
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_row();

-- case: drop-trigger
DROP TRIGGER users_touch ON users;

-- case: truncate
-- rewrite: ignore TRUNCATE gives the table new, empty files; no row is copied
TRUNCATE audit_log;

-- case: truncate-referencing-table
-- rewrite: ignore TRUNCATE gives the table new, empty files; no row is copied
TRUNCATE payments;

-- case: truncate-cascade
-- rewrite: ignore TRUNCATE gives the tables new, empty files; no row is copied
TRUNCATE users CASCADE;

-- case: cluster-using
CLUSTER users USING users_age_idx;

-- case: analyze
ANALYZE users;

-- case: refresh-materialized-view
REFRESH MATERIALIZED VIEW user_order_totals;

-- case: refresh-materialized-view-concurrently
REFRESH MATERIALIZED VIEW CONCURRENTLY user_order_totals;

-- case: alter-domain-add-check
ALTER DOMAIN quantity ADD CONSTRAINT quantity_non_negative CHECK (VALUE >= 0);

-- case: alter-domain-add-check-not-valid
ALTER DOMAIN quantity ADD CONSTRAINT quantity_non_negative CHECK (VALUE >= 0) NOT VALID;

-- case: alter-domain-validate
ALTER DOMAIN quantity VALIDATE CONSTRAINT quantity_below_limit;

-- case: alter-domain-set-not-null
ALTER DOMAIN quantity SET NOT NULL;

-- case: alter-enum-add-value
ALTER TYPE order_state ADD VALUE 'refunded';

-- case: drop-table
DROP TABLE audit_log;

-- case: drop-table-with-foreign-key
DROP TABLE payments;

-- case: drop-table-with-two-foreign-keys-out
DROP TABLE orders CASCADE;

-- case: drop-table-referenced-cascade
DROP TABLE users CASCADE;

-- case: drop-view
DROP VIEW active_users;

-- case: drop-materialized-view
DROP MATERIALIZED VIEW user_order_totals;

-- case: create-table
CREATE TABLE notes (id bigint PRIMARY KEY, body text);

-- case: create-table-references
CREATE TABLE reviews (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  body text
);

-- case: create-table-table-level-foreign-key
CREATE TABLE refunds (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL,
  CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)
);

-- case: create-table-partition-of
CREATE TABLE events_2022 PARTITION OF events FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');

-- case: create-table-partition-of-no-default
CREATE TABLE metrics_c PARTITION OF metrics FOR VALUES IN ('c');

-- case: create-table-inherits
CREATE TABLE legacy_child2 (extra text) INHERITS (legacy_parent);

-- case: create-table-as
CREATE TABLE users_copy AS SELECT id, email FROM users;

-- case: lock-table-default
LOCK TABLE users;

-- case: lock-table-share
LOCK TABLE users IN SHARE MODE;

-- case: lock-table-row-exclusive
LOCK TABLE users IN ROW EXCLUSIVE MODE;

-- case: lock-table-share-update-exclusive
LOCK TABLE users IN SHARE UPDATE EXCLUSIVE MODE;

-- case: lock-table-access-share
LOCK TABLE users IN ACCESS SHARE MODE;

-- case: lock-table-two-tables-exclusive
LOCK TABLE users, orders IN EXCLUSIVE MODE;

-- case: lock-table-share-row-exclusive-nowait
LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE NOWAIT;

-- case: update
UPDATE users SET bio = 'updated' WHERE id <= 100;

-- case: update-foreign-key-column
UPDATE orders SET user_id = 2 WHERE id <= 10;

-- case: update-referenced-key
UPDATE users SET id = id + 100000 WHERE id = 4999;

-- case: delete
DELETE FROM audit_log WHERE id <= 100;

-- case: delete-referenced-rows
DELETE FROM users WHERE id = 4999;

-- case: insert
INSERT INTO audit_log (id, message) VALUES (100001, 'hello');

-- case: insert-with-foreign-key
INSERT INTO orders (id, user_id, amount, created_at) VALUES (100001, 1, 10, now());

-- case: insert-select
INSERT INTO audit_log (id, message) SELECT id, email FROM users WHERE id <= 10;

-- case: select-for-update
SELECT id FROM users WHERE id = 1 FOR UPDATE;

-- case: create-view
CREATE VIEW user_emails AS SELECT id, email FROM users;

-- case: create-view-join
CREATE VIEW order_users AS
  SELECT o.id, u.email FROM orders AS o JOIN users AS u ON u.id = o.user_id;

-- case: create-or-replace-existing-view
CREATE OR REPLACE VIEW active_users AS SELECT id, status FROM users WHERE status = 'active';

-- case: create-materialized-view
CREATE MATERIALIZED VIEW user_counts AS SELECT status, count(*) AS n FROM users GROUP BY status;

-- case: comment-on-table
COMMENT ON TABLE users IS 'people who signed up';

-- case: comment-on-column
COMMENT ON COLUMN users.email IS 'login';

-- case: create-statistics
CREATE STATISTICS users_age_score_stats ON age, score FROM users;

-- case: alter-index-rename
ALTER INDEX users_name_idx RENAME TO users_name_idx2;

-- case: alter-table-rename
ALTER TABLE users RENAME TO members;

-- case: alter-view-rename
ALTER VIEW active_users RENAME TO current_users;

-- case: alter-materialized-view-rename
ALTER MATERIALIZED VIEW user_order_totals RENAME TO order_totals_by_user;

-- case: alter-table-set-schema
ALTER TABLE audit_log SET SCHEMA archive;

-- case: create-policy
CREATE POLICY users_own ON users USING (id = 1);

-- case: comment-on-index
COMMENT ON INDEX users_email_idx IS 'lookups by email';

-- case: comment-on-constraint
COMMENT ON CONSTRAINT orders_user_id_fkey ON orders IS 'every order has a user';

-- case: comment-on-trigger
COMMENT ON TRIGGER users_touch ON users IS 'keeps rows fresh';

-- case: comment-on-view
COMMENT ON VIEW active_users IS 'users that are active';

-- case: comment-on-materialized-view
COMMENT ON MATERIALIZED VIEW user_order_totals IS 'totals';

-- case: drop-partition
DROP TABLE events_2023;

-- case: drop-partitioned-table
DROP TABLE events;

-- case: truncate-partitioned-parent
-- rewrite: ignore TRUNCATE gives the partitions new, empty files; no row is copied
TRUNCATE events;

-- case: lock-partitioned-parent
LOCK TABLE events IN SHARE MODE;

-- case: lock-only-partitioned-parent
LOCK TABLE ONLY events IN SHARE MODE;

-- case: select
SELECT count(*) FROM users;

-- case: select-for-update-of
SELECT u.id FROM users AS u JOIN orders AS o ON o.user_id = u.id WHERE u.id = 1 FOR UPDATE OF u;

-- case: select-with-cte
WITH recent AS (SELECT user_id FROM orders WHERE id > 4990) SELECT count(*) FROM recent;

-- case: delete-cascading-foreign-key
DELETE FROM orders WHERE id = 4999;

-- case: update-non-key-of-referenced-table
UPDATE orders SET amount = amount + 1 WHERE id = 4999;
