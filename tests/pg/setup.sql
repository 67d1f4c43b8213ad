-- The objects the cases of tests/pg/cases/ act on. tests/pg/run.sh runs this once in a fresh
-- database; every case then runs inside BEGIN … ROLLBACK, so each one sees exactly this
-- state. For the prediction, each case is given to zerodown as this file followed by the
-- case, so the offline catalog replays these statements (old column types, validated
-- checks, domains, foreign keys) just as it would replay a project's earlier migrations.
--
-- Before this file runs, run.sh creates the tablespace zd_ts (it needs a directory of the
-- throwaway cluster, so it cannot be written here).

CREATE SCHEMA archive;
CREATE ROLE zd_owner;

CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END
$$;

CREATE TYPE order_state AS ENUM ('new', 'paid');
CREATE DOMAIN quantity AS integer;
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN plain_int AS integer;

-- users: the table most ALTER TABLE cases change. verified_at has a validated
-- CHECK (… IS NOT NULL), nickname only a NOT VALID one.
CREATE TABLE users (
  id bigint PRIMARY KEY,
  email varchar(100) NOT NULL,
  name varchar(50),
  age integer,
  score numeric(10, 2),
  created_at timestamp NOT NULL DEFAULT now(),
  bio text,
  note varchar(20),
  status text DEFAULT 'active',
  verified_at timestamptz,
  nickname text,
  network cidr,
  CONSTRAINT users_verified_not_null CHECK (verified_at IS NOT NULL)
);
INSERT INTO users (id, email, name, age, score, created_at, bio, note, verified_at, nickname,
                   network)
SELECT g, 'user' || g || '@example.com', 'name ' || g, 20 + g % 50, g % 1000 + 0.25,
       timestamp '2024-01-01' + g * interval '1 minute', 'bio', 'n' || g,
       timestamptz '2024-02-01 00:00+00', 'nick' || g, '10.0.0.0/8'
FROM generate_series(1, 5000) AS g;
CREATE INDEX users_email_idx ON users (email);
CREATE INDEX users_name_idx ON users (name);
CREATE INDEX users_age_idx ON users (age);
CREATE INDEX users_created_at_idx ON users (created_at);
ALTER TABLE users ADD CONSTRAINT users_nickname_not_null CHECK (nickname IS NOT NULL) NOT VALID;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_row();

-- orders → users (validated FK); payments → orders (NOT VALID FK); shipments has no
-- constraints yet.
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL CONSTRAINT orders_user_id_fkey REFERENCES users (id),
  amount numeric(12, 2) NOT NULL,
  state order_state NOT NULL DEFAULT 'new',
  created_at timestamp NOT NULL
);
INSERT INTO orders (id, user_id, amount, created_at)
SELECT g, 1 + g % 4000, g % 100, timestamp '2024-06-01' + g * interval '1 minute'
FROM generate_series(1, 5000) AS g;
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE orders ADD CONSTRAINT orders_amount_non_negative CHECK (amount >= 0) NOT VALID;

CREATE TABLE payments (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL,
  paid_at timestamp
);
INSERT INTO payments (id, order_id) SELECT g, g FROM generate_series(1, 3000) AS g;
ALTER TABLE payments ADD CONSTRAINT payments_order_id_fkey
  FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;

-- order_notes → orders with ON DELETE CASCADE (a delete on orders writes here).
CREATE TABLE order_notes (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  body text
);
INSERT INTO order_notes SELECT g, g, 'note' FROM generate_series(4000, 5000) AS g;

CREATE TABLE shipments (
  id bigint NOT NULL,
  order_id bigint NOT NULL,
  carrier text,
  boxes quantity
);
INSERT INTO shipments (id, order_id, carrier, boxes)
SELECT g, g, 'carrier ' || g % 7, 1 + g % 3 FROM generate_series(1, 3000) AS g;

-- profiles: no primary key, but unique indexes to promote with USING INDEX.
CREATE TABLE profiles (
  user_id bigint NOT NULL,
  handle text,
  website text
);
INSERT INTO profiles (user_id, handle) SELECT g, 'h' || g FROM generate_series(1, 3000) AS g;
CREATE UNIQUE INDEX profiles_user_id_uidx ON profiles (user_id);
CREATE UNIQUE INDEX profiles_handle_uidx ON profiles (handle);

-- A domain used by two tables.
CREATE TABLE inventory (
  id bigint PRIMARY KEY,
  qty quantity,
  reorder_at quantity
);
INSERT INTO inventory SELECT g, g % 100, 5 FROM generate_series(1, 3000) AS g;
ALTER DOMAIN quantity ADD CONSTRAINT quantity_below_limit CHECK (VALUE < 1000000) NOT VALID;

-- events: range-partitioned, with a DEFAULT partition (one row, far in the future) and a
-- standalone table ready to be attached.
CREATE TABLE events (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload text
) PARTITION BY RANGE (happened_on);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_default PARTITION OF events DEFAULT;
INSERT INTO events SELECT g, date '2023-01-01' + g % 700, 'p' FROM generate_series(1, 3000) AS g;
INSERT INTO events VALUES (0, '2030-01-01', 'later');
CREATE TABLE events_2025 (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload text
);
INSERT INTO events_2025 SELECT g, date '2025-01-01' + g % 300, 'p' FROM generate_series(1, 1000) AS g;

-- metrics: list-partitioned without a DEFAULT partition (DETACH … CONCURRENTLY needs that).
CREATE TABLE metrics (
  source text NOT NULL,
  value double precision
) PARTITION BY LIST (source);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
CREATE TABLE metrics_b PARTITION OF metrics FOR VALUES IN ('b');
INSERT INTO metrics SELECT CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END, g FROM generate_series(1, 2000) AS g;

-- Tables for storage changes.
CREATE TABLE audit_log (
  id bigint NOT NULL,
  message text
);
INSERT INTO audit_log SELECT g, 'message ' || g FROM generate_series(1, 3000) AS g;
CREATE UNLOGGED TABLE cache_entries (
  key text NOT NULL,
  value text
);
INSERT INTO cache_entries SELECT 'k' || g, 'v' FROM generate_series(1, 3000) AS g;
CREATE TABLE archived_orders (
  id bigint NOT NULL,
  total numeric(12, 2)
) TABLESPACE zd_ts;
INSERT INTO archived_orders SELECT g, g FROM generate_series(1, 3000) AS g;

-- Inheritance (not partitioning).
CREATE TABLE legacy_parent (
  id bigint NOT NULL,
  label text
);
CREATE TABLE legacy_child (
  id bigint NOT NULL,
  label text
);
INSERT INTO legacy_child SELECT g, 'l' FROM generate_series(1, 1000) AS g;

-- Views.
CREATE VIEW active_users AS SELECT id, status FROM users WHERE status = 'active';
CREATE MATERIALIZED VIEW user_order_totals AS
  SELECT user_id, count(*) AS order_count, sum(amount) AS total
  FROM orders
  GROUP BY user_id;
CREATE UNIQUE INDEX user_order_totals_user_id_idx ON user_order_totals (user_id);

ANALYZE;
