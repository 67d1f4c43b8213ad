CREATE INDEX idx_a ON a (x);
