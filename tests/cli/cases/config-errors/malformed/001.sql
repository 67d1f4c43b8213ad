CREATE INDEX idx_t ON t (id);
