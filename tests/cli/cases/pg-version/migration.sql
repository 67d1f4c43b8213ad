SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN n integer NOT NULL DEFAULT 0;
ALTER TABLE users DROP COLUMN legacy;
