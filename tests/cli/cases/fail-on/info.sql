SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN created_at timestamp;
