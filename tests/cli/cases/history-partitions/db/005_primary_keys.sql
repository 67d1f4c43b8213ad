SET lock_timeout = '2s';
CREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;
CREATE UNIQUE INDEX CONCURRENTLY members_pkey ON members (project_id, user_id);
ALTER TABLE members ADD CONSTRAINT members_pkey PRIMARY KEY USING INDEX members_pkey;
-- id is NOT NULL already: nothing to read.
ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;
