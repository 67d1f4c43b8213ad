CREATE INDEX idx_users_email ON users (email);
UPDATE users SET email = lower(email);
