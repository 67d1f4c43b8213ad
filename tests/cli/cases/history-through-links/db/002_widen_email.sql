SET lock_timeout = '2s';
-- The history says email is varchar(100): widening it is binary-coercible, no rewrite.
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
-- name is text: text to integer converts every value.
ALTER TABLE users ALTER COLUMN name TYPE integer USING 0;
