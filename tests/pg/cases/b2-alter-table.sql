-- ALTER TABLE subcommands (postgres-locks.md B2), measured against PostgreSQL.
--
-- Format (all files of tests/pg/cases/): `-- case: NAME` starts a case; everything up to the
-- next case line is its body. The LAST statement of the body is the one measured; earlier
-- statements (a SET, say) run in the same transaction just before it and must take no
-- relation lock. Directives, as comment lines inside a case:
--   -- unknown-ok: WHY     the model may answer rewrite "unknown" here (it cannot know)
--   -- rewrite: ignore WHY  do not compare rewrite (e.g. TRUNCATE: new, empty files)
--   -- history: none        give zerodown the case alone, without setup.sql in front, so
--                           its catalog knows nothing (the objects still exist on the
--                           server): checks what the model says without history
-- The objects are made by tests/pg/setup.sql.

-- case: add-column-nullable
ALTER TABLE users ADD COLUMN middle_name text;

-- case: add-column-constant-default
ALTER TABLE users ADD COLUMN points integer DEFAULT 0;

-- case: add-column-stable-default
ALTER TABLE users ADD COLUMN imported_at timestamptz DEFAULT now();

-- case: add-column-volatile-default
ALTER TABLE users ADD COLUMN touched_at timestamptz DEFAULT clock_timestamp();

-- case: add-column-volatile-uuid
ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid();

-- case: add-column-bigserial
ALTER TABLE audit_log ADD COLUMN seq bigserial;

-- case: add-column-identity
ALTER TABLE audit_log ADD COLUMN ident bigint GENERATED ALWAYS AS IDENTITY;

-- case: add-column-generated-stored
ALTER TABLE users ADD COLUMN age_in_months integer GENERATED ALWAYS AS (age * 12) STORED;

-- case: add-column-not-null-default
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';

-- case: add-column-domain-with-check-default
ALTER TABLE users ADD COLUMN level positive_int DEFAULT 1;

-- case: add-column-domain-with-check-no-default
ALTER TABLE users ADD COLUMN level positive_int;

-- case: add-column-unconstrained-domain-default
ALTER TABLE users ADD COLUMN level plain_int DEFAULT 1;

-- case: add-column-inline-check
ALTER TABLE users ADD COLUMN rating integer CHECK (rating > 0);

-- case: add-column-references
ALTER TABLE shipments ADD COLUMN user_id bigint REFERENCES users (id);

-- case: add-column-unique
ALTER TABLE users ADD COLUMN external_ref text UNIQUE;

-- case: add-column-two-at-once-one-volatile
ALTER TABLE users ADD COLUMN a text, ADD COLUMN b timestamptz DEFAULT clock_timestamp();

-- case: add-column-partitioned-parent
ALTER TABLE events ADD COLUMN source text;

-- case: drop-column
ALTER TABLE users DROP COLUMN bio;

-- case: rename-column
ALTER TABLE users RENAME COLUMN nickname TO handle;

-- case: rename-constraint
ALTER TABLE orders RENAME CONSTRAINT orders_amount_non_negative TO orders_amount_positive;

-- case: set-not-null-scans
ALTER TABLE users ALTER COLUMN age SET NOT NULL;

-- case: set-not-null-validated-check
ALTER TABLE users ALTER COLUMN verified_at SET NOT NULL;

-- case: set-not-null-not-valid-check
ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;

-- case: drop-not-null
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- case: set-default
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';

-- case: set-default-volatile
ALTER TABLE users ALTER COLUMN created_at SET DEFAULT clock_timestamp();

-- case: drop-default
ALTER TABLE users ALTER COLUMN status DROP DEFAULT;

-- case: add-check
ALTER TABLE users ADD CONSTRAINT users_age_non_negative CHECK (age >= 0);

-- case: add-check-not-valid
ALTER TABLE users ADD CONSTRAINT users_age_non_negative CHECK (age >= 0) NOT VALID;

-- case: validate-check
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_non_negative;

-- case: add-foreign-key
ALTER TABLE shipments ADD CONSTRAINT shipments_order_id_fkey
  FOREIGN KEY (order_id) REFERENCES orders (id);

-- case: add-foreign-key-not-valid
ALTER TABLE shipments ADD CONSTRAINT shipments_order_id_fkey
  FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;

-- case: validate-foreign-key
ALTER TABLE payments VALIDATE CONSTRAINT payments_order_id_fkey;

-- case: add-unique
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

-- case: add-primary-key
ALTER TABLE shipments ADD CONSTRAINT shipments_pkey PRIMARY KEY (id);

-- case: add-primary-key-unnamed
ALTER TABLE shipments ADD PRIMARY KEY (id);

-- case: add-unique-using-index
ALTER TABLE profiles ADD CONSTRAINT profiles_handle_key UNIQUE USING INDEX profiles_handle_uidx;

-- case: add-primary-key-using-index
ALTER TABLE profiles ADD CONSTRAINT profiles_pkey PRIMARY KEY USING INDEX profiles_user_id_uidx;

-- case: add-exclusion
ALTER TABLE shipments ADD CONSTRAINT shipments_id_excl EXCLUDE USING btree (id WITH =);

-- case: drop-check-constraint
ALTER TABLE users DROP CONSTRAINT users_verified_not_null;

-- case: drop-foreign-key
ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;

-- case: attach-partition
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- case: detach-partition
ALTER TABLE events DETACH PARTITION events_2023;

-- case: detach-partition-no-default
ALTER TABLE metrics DETACH PARTITION metrics_a;

-- case: set-tablespace-pg-default-moves
ALTER TABLE archived_orders SET TABLESPACE pg_default;

-- case: set-tablespace-pg-default-already-there
ALTER TABLE audit_log SET TABLESPACE pg_default;

-- case: set-tablespace-other
ALTER TABLE audit_log SET TABLESPACE zd_ts;

-- case: set-logged
ALTER TABLE cache_entries SET LOGGED;

-- case: set-unlogged
ALTER TABLE audit_log SET UNLOGGED;

-- case: disable-trigger
ALTER TABLE users DISABLE TRIGGER users_touch;

-- case: enable-trigger
ALTER TABLE users ENABLE TRIGGER users_touch;

-- case: disable-trigger-all
ALTER TABLE users DISABLE TRIGGER ALL;

-- case: cluster-on
ALTER TABLE users CLUSTER ON users_age_idx;

-- case: set-without-cluster
ALTER TABLE users SET WITHOUT CLUSTER;

-- case: set-fillfactor
ALTER TABLE users SET (fillfactor = 70);

-- case: set-autovacuum-option
ALTER TABLE users SET (autovacuum_vacuum_scale_factor = 0.01);

-- case: set-statistics
ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;

-- case: set-column-n-distinct
ALTER TABLE users ALTER COLUMN email SET (n_distinct = -1);

-- case: set-storage
ALTER TABLE users ALTER COLUMN bio SET STORAGE EXTERNAL;

-- case: set-compression
ALTER TABLE users ALTER COLUMN bio SET COMPRESSION pglz;

-- case: owner-to
ALTER TABLE users OWNER TO zd_owner;

-- case: replica-identity
ALTER TABLE users REPLICA IDENTITY FULL;

-- case: enable-row-level-security
ALTER TABLE users ENABLE ROW LEVEL SECURITY;

-- case: inherit
ALTER TABLE legacy_child INHERIT legacy_parent;

-- case: add-identity-to-column
ALTER TABLE shipments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;

-- case: set-access-method-heap
ALTER TABLE audit_log SET ACCESS METHOD heap;

-- A partitioned table passes most subcommands on to its partitions, with the same lock.

-- case: set-not-null-partitioned-parent
ALTER TABLE events ALTER COLUMN payload SET NOT NULL;

-- case: drop-column-partitioned-parent
ALTER TABLE events DROP COLUMN payload;

-- case: type-partitioned-parent
ALTER TABLE events ALTER COLUMN payload TYPE varchar(100);

-- case: add-check-partitioned-parent
ALTER TABLE events ADD CONSTRAINT events_id_non_negative CHECK (id >= 0);

-- case: set-default-partitioned-parent
ALTER TABLE events ALTER COLUMN payload SET DEFAULT 'none';

-- case: set-statistics-partitioned-parent
ALTER TABLE events ALTER COLUMN payload SET STATISTICS 200;

-- case: rename-column-partitioned-parent
ALTER TABLE events RENAME COLUMN payload TO body;

-- case: owner-to-partitioned-parent
ALTER TABLE events OWNER TO zd_owner;

-- case: set-default-only-partitioned-parent
ALTER TABLE ONLY events ALTER COLUMN payload SET DEFAULT 'none';
