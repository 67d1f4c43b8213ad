-- The unnamed UNIQUE of the previous migration is subscriptions_account_id_plan_key, as
-- PostgreSQL names it, and its index went with it: DROP INDEX IF EXISTS finds nothing and
-- locks nothing. USING INDEX renames the index to the constraint's name: the old name is
-- gone too. A plain index is still there after a DROP CONSTRAINT IF EXISTS of its name.
SET lock_timeout = '2s';

ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_account_id_plan_key;
DROP INDEX IF EXISTS subscriptions_account_id_plan_key;

ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_account_key UNIQUE USING INDEX subscriptions_account_id_idx;
DROP INDEX IF EXISTS subscriptions_account_id_idx;

ALTER TABLE subscriptions DROP CONSTRAINT IF EXISTS subscriptions_plan_idx;
DROP INDEX IF EXISTS subscriptions_plan_idx;
