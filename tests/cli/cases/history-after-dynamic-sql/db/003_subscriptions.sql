-- Keys and indexes, dropped by the next migration.
SET lock_timeout = '2s';

CREATE TABLE subscriptions (
    id          bigint PRIMARY KEY,
    account_id  bigint NOT NULL,
    plan        text NOT NULL,
    UNIQUE (account_id, plan)
);

CREATE UNIQUE INDEX subscriptions_account_id_idx ON subscriptions (account_id);
CREATE INDEX subscriptions_plan_idx ON subscriptions (plan);
