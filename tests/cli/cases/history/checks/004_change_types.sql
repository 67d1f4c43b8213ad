SET lock_timeout = '2s';
-- Quiet: 001 made code varchar(50); widening a varchar is binary-coercible.
ALTER TABLE accounts ALTER COLUMN code TYPE varchar(100);
-- Reported: integer to bigint rewrites the table.
ALTER TABLE accounts ALTER COLUMN score TYPE bigint;
