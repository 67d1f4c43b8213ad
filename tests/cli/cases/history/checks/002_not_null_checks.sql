SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_code_not_null CHECK (code IS NOT NULL) NOT VALID;
ALTER TABLE accounts ADD CONSTRAINT accounts_nickname_not_null CHECK (nickname IS NOT NULL) NOT VALID;
-- Only the first one is validated.
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_code_not_null;
