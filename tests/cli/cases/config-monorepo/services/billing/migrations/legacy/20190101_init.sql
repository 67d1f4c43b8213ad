-- +goose Up
CREATE INDEX idx_invoices_created ON invoices (created_at);
ALTER TABLE invoices DROP COLUMN old_total;
