-- Build an index and drop a column already unused.
CREATE INDEX idx_users_email ON users (email);
-- zerodown-ignore: compat-drop-column -- no code reads users.legacy since release 2024.03
ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE users ADD COLUMN note text DEFAULT 'café ☕';
ALTER TABLE "été" ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);
