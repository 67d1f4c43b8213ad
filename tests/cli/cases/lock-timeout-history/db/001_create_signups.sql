SET lock_timeout = '2s';
CREATE TABLE signups (
    id         bigint PRIMARY KEY,
    plan       text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE MATERIALIZED VIEW daily_signups AS
    SELECT date_trunc('day', created_at) AS day, count(*) AS signups FROM signups GROUP BY 1;
CREATE VIEW paid_signups AS
    SELECT id, created_at FROM signups WHERE plan <> 'free';
