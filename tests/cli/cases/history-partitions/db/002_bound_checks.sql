SET lock_timeout = '2s';
-- Loaded tables get CHECKs matching the bounds they will be attached with.
ALTER TABLE measurements_2024 ADD CONSTRAINT measurements_2024_bounds
    CHECK (ts >= '2024-01-01' AND ts < '2025-01-01') NOT VALID;
-- ts is nullable here and nothing says it is not NULL: the bounds are not proven.
ALTER TABLE measurements_2025 ADD CONSTRAINT measurements_2025_bounds
    CHECK (ts >= '2025-01-01' AND ts < '2026-01-01') NOT VALID;
ALTER TABLE orders_europe ADD CONSTRAINT orders_europe_bounds
    CHECK (region IS NOT NULL AND region IN ('de', 'fr')) NOT VALID;
-- Left NOT VALID: it proves nothing about the rows already there.
ALTER TABLE orders_asia ADD CONSTRAINT orders_asia_bounds
    CHECK (region IS NOT NULL AND region IN ('jp', 'kr')) NOT VALID;
