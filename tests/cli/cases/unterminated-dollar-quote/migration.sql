CREATE INDEX idx_users_email ON users (email);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$bdy$;
ALTER TABLE users DROP COLUMN legacy;
