SET lock_timeout = '2s';
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT measurements_2024_bounds;
ALTER TABLE measurements_2025 VALIDATE CONSTRAINT measurements_2025_bounds;
ALTER TABLE orders_europe VALIDATE CONSTRAINT orders_europe_bounds;
