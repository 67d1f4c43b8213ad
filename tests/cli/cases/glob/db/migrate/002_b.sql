CREATE INDEX idx_b ON b (x);
