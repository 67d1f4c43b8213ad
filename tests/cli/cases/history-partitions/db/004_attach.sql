SET lock_timeout = '2s';
ALTER TABLE measurements
    ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements
    ATTACH PARTITION measurements_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE orders ATTACH PARTITION orders_europe FOR VALUES IN ('de', 'fr', 'it');
ALTER TABLE orders ATTACH PARTITION orders_asia FOR VALUES IN ('jp', 'kr');
