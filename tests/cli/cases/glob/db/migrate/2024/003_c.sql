CREATE INDEX idx_c ON c (x);
