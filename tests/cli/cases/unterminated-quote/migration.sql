CREATE INDEX idx_users_email ON users (email);
ALTER TABLE users ADD COLUMN note text;
UPDATE users SET note = 'it''s
ALTER TABLE users DROP COLUMN legacy;
