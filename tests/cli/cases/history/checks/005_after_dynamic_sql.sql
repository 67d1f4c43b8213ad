SET lock_timeout = '2s';
DO $$
BEGIN
    EXECUTE current_setting('app.extra_migration');
END
$$;
-- Reported: after SQL zerodown cannot see, code is no longer known to be varchar(100), so
-- the same kind of widening as in 004 may rewrite.
ALTER TABLE accounts ALTER COLUMN code TYPE varchar(200);
