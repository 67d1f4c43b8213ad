SET lock_timeout = '2s';
-- Quiet: 002 validated CHECK (code IS NOT NULL), so SET NOT NULL skips the scan (PG 12+).
ALTER TABLE accounts ALTER COLUMN code SET NOT NULL;
-- Reported: the CHECK on nickname was never validated.
ALTER TABLE accounts ALTER COLUMN nickname SET NOT NULL;
