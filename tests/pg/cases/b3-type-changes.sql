-- ALTER COLUMN TYPE (postgres-locks.md B3). Format: see b2-alter-table.sql.
-- The old types come from tests/pg/setup.sql, replayed by zerodown's catalog.

-- case: type-varchar-widen
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);

-- case: type-varchar-unlimited
ALTER TABLE users ALTER COLUMN note TYPE varchar;

-- case: type-varchar-to-text
ALTER TABLE users ALTER COLUMN email TYPE text;

-- case: type-varchar-narrow
ALTER TABLE users ALTER COLUMN name TYPE varchar(20);

-- case: type-text-to-varchar-n
ALTER TABLE users ALTER COLUMN bio TYPE varchar(10);

-- case: type-text-to-varchar
ALTER TABLE users ALTER COLUMN bio TYPE varchar;

-- case: type-int-to-bigint
ALTER TABLE users ALTER COLUMN age TYPE bigint;

-- case: type-int-to-domain-with-constraint
ALTER TABLE users ALTER COLUMN age TYPE quantity;

-- case: type-int-to-unconstrained-domain
ALTER TABLE users ALTER COLUMN age TYPE plain_int;

-- case: type-numeric-precision-up
ALTER TABLE users ALTER COLUMN score TYPE numeric(12, 2);

-- case: type-numeric-scale-change
ALTER TABLE users ALTER COLUMN score TYPE numeric(12, 3);

-- case: type-numeric-unconstrained
ALTER TABLE users ALTER COLUMN score TYPE numeric;

-- case: type-cidr-to-inet
ALTER TABLE users ALTER COLUMN network TYPE inet;

-- case: type-timestamp-precision-down
ALTER TABLE users ALTER COLUMN created_at TYPE timestamp(3);

-- case: type-timestamp-to-timestamptz-utc
-- unknown-ok: the session TimeZone decides; zerodown does not follow SET TimeZone
SET TimeZone = 'UTC';
ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;

-- case: type-timestamp-to-timestamptz-berlin
-- unknown-ok: the session TimeZone decides; zerodown does not follow SET TimeZone
SET TimeZone = 'Europe/Berlin';
ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;

-- case: type-using-changes-value
ALTER TABLE users ALTER COLUMN bio TYPE text USING bio || '';

-- case: type-using-cast
ALTER TABLE users ALTER COLUMN age TYPE bigint USING age::bigint;

-- case: type-using-same-column
ALTER TABLE users ALTER COLUMN name TYPE varchar(100) USING name;

-- case: type-two-columns
ALTER TABLE users ALTER COLUMN name TYPE varchar(100), ALTER COLUMN age TYPE bigint;
