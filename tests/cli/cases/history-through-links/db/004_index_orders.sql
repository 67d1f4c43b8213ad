SET lock_timeout = '2s';
-- orders was created by 003: reviewed alone, 004 sees it as an existing table;
-- reviewed with 003 as one changeset, it is new and empty.
CREATE INDEX orders_user_id ON orders (user_id);
-- events is partitioned (the history says so).
CREATE INDEX events_at ON events (at);
