CREATE TABLE users (
  id bigint PRIMARY KEY,
  email varchar(100) NOT NULL,
  name text
);
CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
