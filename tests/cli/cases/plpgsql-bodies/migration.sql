-- Statements inside a DO block and inside a procedure the migration calls are checked
-- where their text is, with line and column inside the body.
SET lock_timeout = '2s';

DO $$
DECLARE
    n bigint;  -- «größe»
BEGIN
    SELECT count(*) INTO n FROM users;
    IF n < 1000 THEN
        ALTER TABLE users ALTER COLUMN email TYPE varchar(512);
    END IF;
    EXECUTE 'CREATE INDEX CONCURRENTLY idx_users_email ON users (email)';
    EXECUTE format('ANALYZE %I', current_setting('app.table'));
END
$$;

CREATE PROCEDURE backfill_names() LANGUAGE plpgsql AS '
BEGIN
    UPDATE users SET name = ''n/a'' WHERE name IS NULL;
END';

CALL backfill_names();

-- A body that does not compile is a syntax error at its place; the rest is still checked.
DO $$
BEGIN
    ALTER TABLE users DROP CONSTRAINT;
END
$$;
