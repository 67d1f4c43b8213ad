CREATE INDEX idx_users_email ON users (email);
ALTER TABLE users ADD COLUMN note text; /* note: a free-text
   comment that never ends
ALTER TABLE users DROP COLUMN legacy;
